using System.Diagnostics;

namespace DipTrader.Browser.Tests;

/// <summary>Waits for what only a reload shows (a bot's runs): checks, pauses, checks again, up to a deadline.</summary>
internal static class Poll
{
    public static async Task UntilAsync(string what, TimeSpan timeout, Func<Task<bool>> condition)
    {
        var started = Stopwatch.StartNew();
        while (!await condition())
        {
            if (started.Elapsed > timeout)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {what}.");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(750), TestContext.Current.CancellationToken);
        }
    }
}
