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
        var code = action switch
        {
            DecisionAction.Open => 'O',
            DecisionAction.Add => 'A',
            DecisionAction.Reduce => 'R',
            DecisionAction.Close => 'C',
            _ => throw new ArgumentOutOfRangeException(nameof(action), "A hold places no order."),
        };
        var id = $"dt-{pairKey}-{Minute}-{code}";
        return id.Length <= 40 ? id : throw new ArgumentException($"The client order id for pair key '{pairKey}' would exceed 40 characters.", nameof(pairKey));
    }
}
