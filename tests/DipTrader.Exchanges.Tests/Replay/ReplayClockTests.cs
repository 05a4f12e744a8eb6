using DipTrader.Exchanges.Replay;

namespace DipTrader.Exchanges.Tests.Replay;

public sealed class ReplayClockTests
{
    [Fact]
    public void Elapsed_time_is_replayed_time()
    {
        var clock = new ReplayClock(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var started = clock.GetTimestamp();

        Assert.Equal(TimeSpan.Zero, clock.GetElapsedTime(started));

        clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(TimeSpan.FromMinutes(5), clock.GetElapsedTime(started));
    }
}
