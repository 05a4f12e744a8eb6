using System.IO.Compression;
using System.Text.Json;
using DipTrader.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace DipTrader.Web.Services;

/// <summary>
/// <c>/api/bots/{id}/metrics?days=N</c> in the predecessor's contract (timestamps, balance, per-symbol
/// position_value / unrealized_pnl / margin_level, copied to the top level when there is one symbol), with
/// its defects fixed: per-series arrays are aligned to the timestamps (null where a series has no value at
/// that time), zeros stay zeros, Long and Short of one symbol are separate series ("BTCUSDT Long"), and
/// <c>days</c> is bounded. It adds price, ema50 and ema200 per series and the bot's orders for the charts.
/// The JSON is cached until the bot records a new run, with its gzip form beside it: a week of a busy bot is
/// about half a megabyte of JSON, a tenth of that compressed, and compressing once per run beats once per request.
/// </summary>
public sealed class MetricsQuery(IDbContextFactory<DipTraderDbContext> contexts, IMemoryCache cache, TimeProvider time)
{
    public const int MaxDays = 90;
    public const int MaxPoints = 2000;

    /// <summary>The JSON document, or null when the bot is not the user's.</summary>
    public async Task<MetricsDocument?> GetAsync(int userId, int botId, int days, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // One round trip for the ownership check and the cache version (the bot's newest run, from idx_metrics_bot_newest).
        var owned = await db.Bots.AsNoTracking().Where(b => b.Id == botId && b.UserId == userId)
            .Select(b => new { Version = db.ExecutionMetrics.Where(m => m.BotId == b.Id).Max(m => (int?)m.Id) })
            .SingleOrDefaultAsync(cancellationToken);
        if (owned is null)
        {
            return null;
        }
        var key = (botId, days, owned.Version ?? 0);
        if (cache.TryGetValue(key, out MetricsDocument? cached) && cached is not null)
        {
            return cached;
        }
        var since = time.GetUtcNow().UtcDateTime.AddDays(-days);
        var rows = await db.ExecutionMetrics.AsNoTracking()
            .Where(m => m.BotId == botId && m.ExecutedAt >= since)
            .OrderBy(m => m.ExecutedAt).ThenBy(m => m.Id)
            .Select(m => new MetricRow(m.ExecutedAt, m.Symbol, m.Side, m.TotalBalance, m.PositionValue, m.UnrealizedPnl, m.MarginLevel, m.CurrentPrice, m.Ema50, m.Ema200))
            .ToListAsync(cancellationToken);
        var orders = await db.Trades.AsNoTracking()
            .Where(t => t.BotId == botId && t.ExecutedAt >= since)
            .OrderBy(t => t.ExecutedAt)
            .Select(t => new OrderRow(t.ExecutedAt, t.Symbol, t.PositionSide, t.Action, t.Side, t.Price, t.Quantity, t.Status))
            .ToListAsync(cancellationToken);
        var document = MetricsDocument.Of(MetricsJson.Write(rows, orders, MaxPoints));
        cache.Set(key, document, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10), Size = null });
        return document;
    }
}

/// <summary>The metrics JSON, plain and gzip-compressed.</summary>
public sealed record MetricsDocument(byte[] Json, byte[] Gzip)
{
    public static MetricsDocument Of(byte[] json)
    {
        using var compressed = new MemoryStream(json.Length / 4);
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(json);
        }
        return new MetricsDocument(json, compressed.ToArray());
    }

    /// <summary>The gzip form when the request accepts it (every browser does), the plain JSON otherwise.</summary>
    public IResult ToResult(HttpContext http)
    {
        http.Response.Headers.Vary = "Accept-Encoding";
        if (!AcceptsGzip(http.Request))
        {
            return Results.Bytes(Json, "application/json");
        }
        http.Response.Headers.ContentEncoding = "gzip";
        return Results.Bytes(Gzip, "application/json");
    }

    private static bool AcceptsGzip(HttpRequest request)
    {
        foreach (var value in request.GetTypedHeaders().AcceptEncoding)
        {
            if ((value.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) || value.Value.Equals("*", StringComparison.Ordinal)) && value.Quality is not 0)
            {
                return true;
            }
        }
        return false;
    }
}

internal sealed record MetricRow(DateTime At, string Symbol, string? Side, decimal? Balance, decimal? PositionValue, decimal? UnrealizedPnl, decimal? MarginLevel, decimal? Price, decimal? Ema50, decimal? Ema200);

internal sealed record OrderRow(DateTime? At, string Symbol, string? PositionSide, string Action, string Side, decimal? Price, decimal? Quantity, string? Status);

/// <summary>Builds the metrics document.</summary>
internal static class MetricsJson
{
    public static byte[] Write(IReadOnlyList<MetricRow> rows, IReadOnlyList<OrderRow> orders, int maxPoints)
    {
        var timestamps = rows.Select(r => r.At).Distinct().ToList();
        // Very long ranges keep every n-th run so a chart stays light; the last run is always kept.
        var step = Math.Max(1, (int)Math.Ceiling(timestamps.Count / (double)maxPoints));
        var kept = timestamps.Where((t, i) => (timestamps.Count - 1 - i) % step == 0).ToList();
        var index = kept.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i);
        var sidesPerSymbol = rows.GroupBy(r => r.Symbol).ToDictionary(g => g.Key, g => g.Select(r => r.Side).Distinct().Count());
        string SeriesName(MetricRow r) => sidesPerSymbol[r.Symbol] > 1 && r.Side is not null ? $"{r.Symbol} {r.Side}" : r.Symbol;
        var balance = new decimal?[kept.Count];
        var series = new SortedDictionary<string, Dictionary<string, decimal?[]>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!index.TryGetValue(row.At, out var i))
            {
                continue;
            }
            balance[i] ??= row.Balance;
            var name = SeriesName(row);
            if (!series.TryGetValue(name, out var arrays))
            {
                series[name] = arrays = new Dictionary<string, decimal?[]>(StringComparer.Ordinal);
                foreach (var field in Fields)
                {
                    arrays[field] = new decimal?[kept.Count];
                }
            }
            arrays["position_value"][i] = row.PositionValue;
            arrays["unrealized_pnl"][i] = row.UnrealizedPnl;
            arrays["margin_level"][i] = row.MarginLevel;
            arrays["price"][i] = row.Price;
            arrays["ema50"][i] = row.Ema50;
            arrays["ema200"][i] = row.Ema200;
        }
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("timestamps");
            foreach (var t in kept)
            {
                writer.WriteStringValue(DateTime.SpecifyKind(t, DateTimeKind.Unspecified).ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
            }
            writer.WriteEndArray();
            WriteArray(writer, "balance", balance);
            writer.WriteStartObject("symbols");
            foreach (var (name, arrays) in series)
            {
                writer.WriteStartObject(name);
                foreach (var (field, values) in arrays)
                {
                    WriteArray(writer, field, values);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
            if (series.Count == 1)
            {
                var only = series.Values.First();
                WriteArray(writer, "position_value", only["position_value"]);
                WriteArray(writer, "unrealized_pnl", only["unrealized_pnl"]);
                WriteArray(writer, "margin_level", only["margin_level"]);
            }
            writer.WriteStartArray("orders");
            foreach (var order in orders)
            {
                writer.WriteStartObject();
                writer.WriteString("time", order.At?.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
                writer.WriteString("series", sidesPerSymbol.GetValueOrDefault(order.Symbol) > 1 && order.PositionSide is not null ? $"{order.Symbol} {order.PositionSide}" : order.Symbol);
                writer.WriteString("action", order.Action);
                writer.WriteString("side", order.Side);
                WriteNumber(writer, "price", order.Price);
                WriteNumber(writer, "quantity", order.Quantity);
                writer.WriteString("status", order.Status);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static readonly string[] Fields = ["position_value", "unrealized_pnl", "margin_level", "price", "ema50", "ema200"];

    private static void WriteArray(Utf8JsonWriter writer, string name, decimal?[] values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            if (value is { } v)
            {
                writer.WriteNumberValue(v / 1.000000000000000000000000000000000m);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
        writer.WriteEndArray();
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, decimal? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v / 1.000000000000000000000000000000000m);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
