using System.Collections;
using System.Text;
using DipTrader.Trading.Market;
using DipTrader.Trading.Martingale;

namespace DipTrader.Bots.Backtesting;

/// <summary>
/// Every decision of a backtest, kept in columns: a year at a 5-minute cadence is over 100,000 decisions per
/// pair, and as records with their reason strings they were as many long-lived objects for the garbage
/// collector to copy from generation to generation. Here they are a few growing arrays and the reasons' UTF-8
/// bytes in large chunks; a <see cref="DecisionRecord"/> is made when one is read.
/// </summary>
public sealed class DecisionLog : IReadOnlyList<DecisionRecord>
{
    private const int ChunkBytes = 1 << 20;

    /// <summary>The rule code of a run that failed before deciding.</summary>
    public const string ErrorRule = "ERROR";

    private readonly List<Row> _rows;
    private readonly List<byte[]> _chunks = [];
    private readonly List<(string Symbol, PositionSide Side)> _pairs = [];
    private int _used = ChunkBytes;

    /// <param name="capacity">The decisions expected (runs × pairs), so the columns are not copied as they grow.</param>
    public DecisionLog(int capacity = 0)
    {
        _rows = new List<Row>(capacity);
    }

    public int Count => _rows.Count;

    public DecisionRecord this[int index]
    {
        get
        {
            var row = _rows[index];
            var (symbol, side) = _pairs[row.Pair];
            var reason = Encoding.UTF8.GetString(_chunks[row.Chunk], row.Offset, row.Length);
            var rule = row.Rule < 0 ? ErrorRule : ((Rule)row.Rule).Code();
            return new DecisionRecord(new DateTimeOffset(row.TimeTicks, TimeSpan.Zero), symbol, side, rule, ((DecisionAction)row.Action).ToString(), row.Quantity, row.Price, reason);
        }
    }

    /// <summary>A pair's decision.</summary>
    public void Add(DateTimeOffset time, string symbol, PositionSide side, Decision decision) =>
        Add(time, symbol, side, (int)decision.Rule, (int)decision.Action, decision.Quantity, decision.Price, decision.Reason);

    /// <summary>A pair whose run failed before it could decide: <see cref="ErrorRule"/>, holding.</summary>
    public void AddError(DateTimeOffset time, string symbol, PositionSide side, string error) =>
        Add(time, symbol, side, -1, (int)DecisionAction.Hold, null, null, error);

    // A row keeps the rule and action as their enum values (−1: no rule), and the text is made on reading.
    private void Add(DateTimeOffset time, string symbol, PositionSide side, int rule, int action, decimal? quantity, decimal? price, string reason)
    {
        // Room for the longest encoding, so the reason is encoded once, straight into the chunk.
        var room = Encoding.UTF8.GetMaxByteCount(reason.Length);
        if (_used + room > ChunkBytes)
        {
            _chunks.Add(new byte[Math.Max(ChunkBytes, room)]);
            _used = 0;
        }
        var length = Encoding.UTF8.GetBytes(reason, _chunks[^1].AsSpan(_used));
        _rows.Add(new Row(time.UtcTicks, PairIndex(symbol, side), (short)rule, (byte)action, quantity, price, _chunks.Count - 1, _used, length));
        _used += length;
    }

    public IEnumerator<DecisionRecord> GetEnumerator()
    {
        for (var i = 0; i < _rows.Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>A handful of pairs, each kept once.</summary>
    private int PairIndex(string symbol, PositionSide side)
    {
        for (var i = 0; i < _pairs.Count; i++)
        {
            if (_pairs[i].Side == side && string.Equals(_pairs[i].Symbol, symbol, StringComparison.Ordinal))
            {
                return i;
            }
        }
        _pairs.Add((symbol, side));
        return _pairs.Count - 1;
    }

    private readonly record struct Row(long TimeTicks, int Pair, short Rule, byte Action, decimal? Quantity, decimal? Price, int Chunk, int Offset, int Length);
}
