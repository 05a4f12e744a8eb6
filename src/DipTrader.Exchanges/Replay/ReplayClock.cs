namespace DipTrader.Exchanges.Replay;

/// <summary>
/// A clock a backtest moves by hand. It only goes forward: replayed venues and the paper account rely on
/// time never running backwards. Timers are not supported; a replay has nothing to wake up. Timestamps are
/// the replayed time too (as a fake clock's are), so an elapsed time is replayed time, and reading one asks
/// the operating system for nothing: a backtest's thousands of runs each time their pairs.
/// </summary>
public sealed class ReplayClock : TimeProvider
{
    private DateTimeOffset _now;

    public ReplayClock(DateTimeOffset start)
    {
        _now = start.ToUniversalTime();
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow() => _now;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _now.UtcTicks;

    public void AdvanceTo(DateTimeOffset moment)
    {
        if (moment < _now)
        {
            throw new ArgumentOutOfRangeException(nameof(moment), moment, $"The replay clock is at {_now:O} and cannot go back.");
        }
        _now = moment.ToUniversalTime();
    }

    public void Advance(TimeSpan step) => AdvanceTo(_now + step);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        throw new NotSupportedException("A replay clock has no timers; advance it and call the venue.");
}
