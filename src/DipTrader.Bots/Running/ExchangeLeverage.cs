using DipTrader.Bots.Configuration;
using DipTrader.Exchanges;
using DipTrader.Trading.Market;
using Microsoft.Extensions.Logging;

namespace DipTrader.Bots.Running;

/// <summary>
/// The prepare step that makes the exchange's leverage match the pairs' (correction 4): each symbol once, set only when
/// it differs, in the margin mode the account already has for the symbol. A refusal does not stop the symbol's pairs:
/// their runs still decide, and reduce or close, but do not open or add (see <see cref="LeverageFailure"/>).
/// </summary>
internal sealed partial class ExchangeLeverage(IPairStateStore states, ILogger logger)
{
    public static readonly IReadOnlyDictionary<string, LeverageFailure> NoFailures = new Dictionary<string, LeverageFailure>();

    /// <param name="blocked">Symbols whose resting orders could not be cancelled: their pairs do not run, so nothing is set.</param>
    /// <returns>Per symbol, why its leverage could not be set; absent where it matches or was set.</returns>
    public async ValueTask<IReadOnlyDictionary<string, LeverageFailure>> MatchAsync(BotConfiguration bot, ITradingAccount account, AccountSnapshot snapshot, Dictionary<string, PairState?> pairStates, IReadOnlyDictionary<string, ExchangeException> blocked, CancellationToken cancellationToken)
    {
        Dictionary<string, LeverageFailure>? failures = null;
        // Each symbol once, in the order of its first pair; loops rather than LINQ, as almost every run changes nothing.
        for (var i = 0; i < bot.Pairs.Count; i++)
        {
            var symbol = bot.Pairs[i].Settings.Symbol;
            if (blocked.ContainsKey(symbol) || !FirstOnSymbol(bot.Pairs, i))
            {
                continue;
            }
            var wanted = bot.Pairs[i].Settings.Leverage;
            if (!LeverageDiffers(bot.Pairs, symbol, wanted, snapshot, pairStates))
            {
                continue;
            }
            try
            {
                var marginMode = MarginModeOf(symbol, snapshot);
                await account.SetLeverageAsync(symbol, wanted, marginMode, cancellationToken);
                LogLeverageSet(logger, symbol, wanted, marginMode);
                foreach (var pair in bot.Pairs)
                {
                    if (pair.Settings.Symbol != symbol)
                    {
                        continue;
                    }
                    var state = (pairStates[pair.Key] ?? new PairState()) with { ExchangeLeverage = wanted };
                    pairStates[pair.Key] = state;
                    await states.SaveAsync(pair, state, cancellationToken);
                }
            }
            catch (ExchangeException e)
            {
                // Not saved: the next run finds the leverage still differs and tries again.
                (failures ??= new Dictionary<string, LeverageFailure>(StringComparer.Ordinal))[symbol] = new LeverageFailure(symbol, wanted, e.Error);
            }
        }
        return failures ?? NoFailures;
    }

    private static bool FirstOnSymbol(IReadOnlyList<PairConfiguration> pairs, int index)
    {
        for (var i = 0; i < index; i++)
        {
            if (pairs[i].Settings.Symbol == pairs[index].Settings.Symbol)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The leverage the exchange reports for the symbol differs; without a report, the one last set for a pair does.</summary>
    private static bool LeverageDiffers(IReadOnlyList<PairConfiguration> pairs, string symbol, int wanted, AccountSnapshot snapshot, Dictionary<string, PairState?> pairStates)
    {
        var reported = false;
        var positions = snapshot.Positions;
        for (var i = 0; i < positions.Count; i++)
        {
            var position = positions[i];
            if (position.Symbol == symbol && position.Leverage is { } leverage)
            {
                if (leverage != wanted)
                {
                    return true;
                }
                reported = true;
            }
        }
        if (reported)
        {
            return false;
        }
        for (var i = 0; i < pairs.Count; i++)
        {
            if (pairs[i].Settings.Symbol == symbol && pairStates[pairs[i].Key]?.ExchangeLeverage != wanted)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The margin mode the account has for the symbol (the user's choice on the exchange), which setting leverage keeps;
    /// Phemex's default, cross, when no row reports one. Phemex sets both sides in one call: the first row decides.
    /// </summary>
    private static MarginMode MarginModeOf(string symbol, AccountSnapshot snapshot)
    {
        var positions = snapshot.Positions;
        for (var i = 0; i < positions.Count; i++)
        {
            if (positions[i].Symbol == symbol && positions[i].MarginMode is { } mode)
            {
                return mode;
            }
        }
        return MarginMode.Cross;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Set leverage of {Symbol} to {Leverage}x, {MarginMode} margin as before")]
    private static partial void LogLeverageSet(ILogger logger, string symbol, int leverage, MarginMode marginMode);
}

/// <summary>
/// Why the exchange did not take a symbol's leverage. Its pairs still reduce and close; they do not open or add, as those
/// sizes assume the configured leverage. Every run of theirs reports it until a run sets the leverage.
/// </summary>
internal sealed record LeverageFailure(string Symbol, int Leverage, ExchangeError Error)
{
    public string Message =>
        $"Setting leverage of {Symbol} to {Leverage}x failed: {Error.Message.TrimEnd('.', ' ')}; until it succeeds the pair only reduces or closes.";
}
