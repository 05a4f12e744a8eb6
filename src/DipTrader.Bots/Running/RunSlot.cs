using System.Globalization;
using DipTrader.Trading.Martingale;

namespace DipTrader.Bots.Running;

/// <summary>
/// The scheduled slot a run belongs to (its start, rounded down to the run period). Client order ids derive
/// from it, so a run repeated within its slot (after a crash) asks for the same order again and the exchange
/// refuses the duplicate.
/// </summary>
public sealed record RunSlot(DateTimeOffset Start, TimeSpan Period)
{
    public static RunSlot Containing(DateTimeOffset now, TimeSpan period)
    {
        var ticks = now.UtcTicks - now.UtcTicks % period.Ticks;
        return new RunSlot(new DateTimeOffset(ticks, TimeSpan.Zero), period);
    }

    /// <summary>Minutes since the Unix epoch at the slot's start.</summary>
    public long Minute => Start.ToUnixTimeSeconds() / 60;

    /// <summary>
    /// <c>dt-{pair key}-{slot minute}-{action}</c>, at most 40 characters. The action is part of it so that a
    /// changed decision after a fill is a different order, while the same decision is the same order.
    /// </summary>
    public string ClientOrderId(string pairKey, DecisionAction action)
    {
        var code = Array.Find(ActionCodes, c => c.Action == action).Code;
        if (code == default)
        {
            throw new ArgumentOutOfRangeException(nameof(action), "A hold places no order.");
        }
        var id = $"dt-{pairKey}-{Minute}-{code}";
        return id.Length <= 40 ? id : throw new ArgumentException($"The client order id for pair key '{pairKey}' would exceed 40 characters.", nameof(pairKey));
    }

    /// <summary>
    /// The slot start and the action a client order id of <see cref="ClientOrderId"/> names; null for any other id.
    /// It lets a run that learns of an order the run that placed it never recorded (a crash, an unknown outcome)
    /// book it with what it was.
    /// </summary>
    public static (DateTimeOffset SlotStart, DecisionAction Action)? ReadClientOrderId(string clientOrderId)
    {
        var parts = clientOrderId.Split('-');
        if (parts.Length < 4 || parts[0] != "dt" || parts[^1].Length != 1
            || !long.TryParse(parts[^2], NumberStyles.None, CultureInfo.InvariantCulture, out var minute)
            || minute > DateTimeOffset.MaxValue.ToUnixTimeSeconds() / 60)
        {
            return null;
        }
        var known = Array.Find(ActionCodes, c => c.Code == parts[^1][0]);
        return known.Code == default ? null : (DateTimeOffset.FromUnixTimeSeconds(minute * 60), known.Action);
    }

    /// <summary>The letter of each order-placing action in a client order id.</summary>
    private static readonly (DecisionAction Action, char Code)[] ActionCodes =
        [(DecisionAction.Open, 'O'), (DecisionAction.Add, 'A'), (DecisionAction.Reduce, 'R'), (DecisionAction.Close, 'C')];
}
