using System.Collections;
using System.Text;
using DipTrader.Trading.Market;

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

    private readonly List<Row> _rows = [];
    private readonly List<byte[]> _chunks = [];
    private readonly List<(string Symbol, PositionSide Side)> _pairs = [];
    private readonly List<string> _texts = [];
    private int _used = ChunkBytes;

    public int Count => _rows.Count;

    public DecisionRecord this[int index]
    {
        get
        {
            var row = _rows[index];
            var (symbol, side) = _pairs[row.Pair];
            var reason = Encoding.UTF8.GetString(_chunks[row.Chunk], row.Offset, row.Length);
            return new DecisionRecord(new DateTimeOffset(row.TimeTicks, TimeSpan.Zero), symbol, side, _texts[row.Rule], _texts[row.Action], row.Quantity, row.Price, reason);
        }
    }

    public void Add(DateTimeOffset time, string symbol, PositionSide side, string rule, string action, decimal? quantity, decimal? price, string reason)
    {
        var length = Encoding.UTF8.GetByteCount(reason);
        if (_used + length > ChunkBytes)
        {
            _chunks.Add(new byte[Math.Max(ChunkBytes, length)]);
            _used = 0;
        }
        var chunk = _chunks[^1];
        Encoding.UTF8.GetBytes(reason, chunk.AsSpan(_used));
        _rows.Add(new Row(time.UtcTicks, IndexOf(_pairs, (symbol, side)), IndexOf(_texts, rule), IndexOf(_texts, action), quantity, price, _chunks.Count - 1, _used, length));
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

    /// <summary>Pairs, rule codes and action names: a handful of distinct values, each kept once.</summary>
    private static int IndexOf<T>(List<T> values, T value)
    {
        var index = values.IndexOf(value);
        if (index < 0)
        {
            values.Add(value);
            index = values.Count - 1;
        }
        return index;
    }

    private readonly record struct Row(long TimeTicks, int Pair, int Rule, int Action, decimal? Quantity, decimal? Price, int Chunk, int Offset, int Length);
}
