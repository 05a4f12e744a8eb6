using DipTrader.Cli.Tests.Observability;

namespace DipTrader.Cli.Tests;

/// <summary>
/// A user's saved Telegram token that Telegram.Bot refuses (a bot id over 16 digits, which the web form once let
/// through) costs that user their messages, not the worker: it keeps running every bot, and never logs the token.
/// </summary>
public sealed class WorkerTelegramTokenTests
{
    private const string Key = "5b2e9c41-worker-badtoken-key-0001";
    private const string Secret = "d29ya2VyLWJhZC10b2tlbi1zZWNyZXQtZm9yLXRlc3Rz";
    private const string BadToken = "12345678901234567890:AAworker-telegram-token-for-tests-x";

    [Fact]
    public async Task A_worker_keeps_running_its_bots_when_a_users_telegram_token_is_of_a_shape_telegram_refuses()
    {
        await using var seed = await WorkerSeed.StartAsync("bad-token@example.com", Key, Secret, BadToken);
        using var worker = CliProcess.Start(seed.Directory, seed.Environment(), "worker", "--log-format", "json");

        // The opening order's message is dropped; the runs after it still happen, in the same process.
        await LogScan.WaitUntilAsync(() => Task.FromResult(worker.Output.Contains("not of the form Telegram accepts", StringComparison.Ordinal) || worker.HasExited),
            TimeSpan.FromSeconds(180), () => $"orders {seed.Account.Orders.Count}\n{worker.Output}\n{worker.Error}");
        var runsWhenDropped = await seed.OkRunsAsync();
        await LogScan.WaitUntilAsync(async () => worker.HasExited || await seed.OkRunsAsync() >= runsWhenDropped + 3,
            TimeSpan.FromSeconds(120), () => $"runs {runsWhenDropped}\n{worker.Output}\n{worker.Error}");

        Assert.False(worker.HasExited, $"the worker stopped:\n{worker.Output}\n{worker.Error}");
        Assert.Empty(seed.Telegram.Messages);
        worker.Dispose();
        LogScan.AssertNoSecrets(worker.Output + worker.Error, ("API secret", Secret), ("Telegram bot token", BadToken), ("Telegram bot token's secret part", BadToken[21..]));
    }
}
