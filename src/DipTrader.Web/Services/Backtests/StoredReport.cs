using System.Text.Json;
using DipTrader.Bots.Backtesting;
using DipTrader.Bots.Backtesting.Reports;

namespace DipTrader.Web.Services.Backtests;

/// <summary>
/// A finished backtest's report as stored in <c>backtests.report</c>. A year at a 5-minute cadence makes over
/// 100,000 decisions (tens of MB); the row keeps the last <see cref="MaxDecisions"/> decisions and the last
/// <see cref="MaxTrades"/> fills, with the totals, so the page can say what was left out. The metrics always
/// cover the whole run.
/// </summary>
public sealed record StoredReport(BacktestReport Report, int DecisionsTotal, int TradesTotal)
{
    public const int MaxDecisions = 5_000;
    public const int MaxTrades = 20_000;

    public bool DecisionsCapped => DecisionsTotal > Report.Decisions.Count;

    public bool TradesCapped => TradesTotal > Report.Trades.Count;

    public static StoredReport Keep(BacktestReport full) => new(
        full with
        {
            Decisions = full.Decisions.Count > MaxDecisions ? [.. full.Decisions.Skip(full.Decisions.Count - MaxDecisions)] : full.Decisions,
            Trades = full.Trades.Count > MaxTrades ? [.. full.Trades.Skip(full.Trades.Count - MaxTrades)] : full.Trades,
        },
        full.Decisions.Count,
        full.Trades.Count);

    public string ToJson() => JsonSerializer.Serialize(this, BacktestFiles.Json);

    /// <summary>The stored report; null when it cannot be read.</summary>
    public static StoredReport? TryRead(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<StoredReport>(json, BacktestFiles.Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
