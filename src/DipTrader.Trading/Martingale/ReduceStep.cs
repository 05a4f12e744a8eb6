namespace DipTrader.Trading.Martingale;

/// <summary>Profit taking: when the position margin exceeds <paramref name="ThresholdPercent"/> % of the balance, close <paramref name="Fraction"/> of it.</summary>
public sealed record ReduceStep(decimal ThresholdPercent, decimal Fraction);
