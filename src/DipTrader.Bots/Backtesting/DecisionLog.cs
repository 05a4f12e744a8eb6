using System.Collections;
using System.Text;
using DipTrader.Trading.Market;
using DipTrader.Trading.Martingale;

namespace DipTrader.Bots.Backtesting;

/// <summary>
/// Every decision of a backtest, kept in columns: a year at a 5-minute cadence is over 100,000 decisions per
/// pair, and as records with their reason strings they were as many long-lived objects for the garbage
/// collector to copy from generation to generation. Here they are a few growing arrays and, in large chunks, the
/// numbers each reason is written from (<see cref="ReasonFacts"/>), or the UTF-8 bytes of a reason given as text; a
/// <see cref="DecisionRecord"/>, with its reason's words, is made when one is read.
/// </summary>
public sealed class DecisionLog : IReadOnlyList<DecisionRecord>
{
    private const int ChunkBytes = 1 << 20;

    /// <summary>The rule code of a run that failed before deciding.</summary>
    public const string ErrorRule = "ERROR";

    private readonly List<Row> _rows;
    private readonly List<byte[]> _chunks = [];
    // The pair a reason's facts were made for, whose settings its sentence quotes; null for rows kept as text.
    private readonly List<(string Symbol, PositionSide Side, PairSettings? Pair)> _pairs = [];
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
            var (symbol, side, pair) = _pairs[row.Pair];
            var bytes = _chunks[row.Chunk].AsSpan(row.Offset, row.Length);
            var reason = pair is null ? Encoding.UTF8.GetString(bytes) : ReasonFacts.Decode(bytes, pair).Write();
            var rule = row.Rule < 0 ? ErrorRule : ((Rule)row.Rule).Code();
            return new DecisionRecord(new DateTimeOffset(row.TimeTicks, TimeSpan.Zero), symbol, side, rule, ((DecisionAction)row.Action).ToString(), row.Quantity, row.Price, reason);
        }
    }

    /// <summary>A pair's decision: the facts of its reason when the strategy made it, else its text.</summary>
    public void Add(DateTimeOffset time, string symbol, PositionSide side, Decision decision)
    {
        if (!decision.TryGetReasonFacts(out var facts))
        {
            AddText(time, symbol, side, (int)decision.Rule, (int)decision.Action, decision.Quantity, decision.Price, decision.Reason);
            return;
        }
        var chunk = Room(ReasonFacts.MaxEncodedLength);
        var length = facts.Encode(chunk.AsSpan(_used));
        AddRow(time, PairIndex(symbol, side, facts.Pair), (int)decision.Rule, (int)decision.Action, decision.Quantity, decision.Price, length);
    }

    /// <summary>A pair whose run failed before it could decide: <see cref="ErrorRule"/>, holding.</summary>
    public void AddError(DateTimeOffset time, string symbol, PositionSide side, string error) =>
        AddText(time, symbol, side, -1, (int)DecisionAction.Hold, null, null, error);

    private void AddText(DateTimeOffset time, string symbol, PositionSide side, int rule, int action, decimal? quantity, decimal? price, string reason)
    {
        // Room for the longest encoding, so the reason is encoded once, straight into the chunk.
        var chunk = Room(Encoding.UTF8.GetMaxByteCount(reason.Length));
        var length = Encoding.UTF8.GetBytes(reason, chunk.AsSpan(_used));
        AddRow(time, PairIndex(symbol, side, null), rule, action, quantity, price, length);
    }

    /// <summary>The chunk the next reason goes into, with at least <paramref name="bytes"/> free from <see cref="_used"/>.</summary>
    private byte[] Room(int bytes)
    {
        if (_used + bytes > ChunkBytes)
        {
            _chunks.Add(new byte[Math.Max(ChunkBytes, bytes)]);
            _used = 0;
        }
        return _chunks[^1];
    }

    // A row keeps the rule and action as their enum values (−1: no rule), and the text is made on reading.
    private void AddRow(DateTimeOffset time, int pair, int rule, int action, decimal? quantity, decimal? price, int length)
    {
        _rows.Add(new Row(time.UtcTicks, pair, (short)rule, (byte)action, quantity, price, _chunks.Count - 1, _used, length));
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
    private int PairIndex(string symbol, PositionSide side, PairSettings? pair)
    {
        for (var i = 0; i < _pairs.Count; i++)
        {
            if (_pairs[i].Side == side && ReferenceEquals(_pairs[i].Pair, pair) && string.Equals(_pairs[i].Symbol, symbol, StringComparison.Ordinal))
            {
                return i;
            }
        }
        _pairs.Add((symbol, side, pair));
        return _pairs.Count - 1;
    }

    private readonly record struct Row(long TimeTicks, int Pair, short Rule, byte Action, decimal? Quantity, decimal? Price, int Chunk, int Offset, int Length);
}
