using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DipTrader.Exchanges.Phemex;

/// <summary>
/// Every Phemex budget of the process: per API key and group (Contract, Others; weighted), per host for the
/// whole process (Phemex's per-IP limit), and the pauses Phemex asks for in its headers. A request waits for
/// its turn here instead of hammering the exchange into a 429 or an IP ban.
/// </summary>
internal sealed class PhemexRateLimiter(IOptions<PhemexOptions> options, TimeProvider time, PhemexMetrics metrics, ILogger<PhemexRateLimiter> logger)
    : IDisposable
{
    private readonly PhemexRateLimitOptions _limits = options.Value.RateLimits;
    private readonly ConcurrentDictionary<(string Identity, PhemexRateLimitGroup Group), SlidingWindowBudget> _groups = new();
    private readonly ConcurrentDictionary<string, SlidingWindowBudget> _hosts = new(StringComparer.OrdinalIgnoreCase);

    public async ValueTask WaitTurnAsync(PhemexSession session, string path, CancellationToken cancellationToken)
    {
        var group = PhemexRateLimitCost.GroupOf(path);
        var weight = PhemexRateLimitCost.WeightOf(path, _limits.KlineWeight);
        var started = time.GetUtcNow();
        var heldBack = await TakeAsync(GroupBudget(session, group), weight, cancellationToken);
        heldBack |= await TakeAsync(HostBudget(session), 1, cancellationToken);
        if (heldBack)
        {
            // Only a request that found its budget spent counts as a wait; a busy machine's scheduling delay does not.
            var waited = time.GetUtcNow() - started;
            metrics.RecordRateLimitWait(group, waited);
            PhemexLog.RateLimitWaited(logger, group, session.Identity, path, waited.TotalMilliseconds);
        }
    }

    /// <summary>Spends <paramref name="weight"/> from the budget; true when the request had to wait for it.</summary>
    private static async ValueTask<bool> TakeAsync(SlidingWindowBudget budget, int weight, CancellationToken cancellationToken)
    {
        using (var lease = budget.AttemptAcquire(weight))
        {
            if (lease.IsAcquired)
            {
                return false;
            }
        }
        // Leases of a sliding window give nothing back on dispose: the spend ages out of the window.
        using (await budget.AcquireAsync(weight, cancellationToken))
        {
        }
        return true;
    }

    /// <summary>Pauses the group when Phemex answered 429 or said its budget is spent.</summary>
    public void Observe(PhemexSession session, string path, HttpResponseMessage response)
    {
        var group = PhemexRateLimitCost.GroupOf(path);
        var limited = (int)response.StatusCode == 429;
        if (!limited && PhemexRateLimitHeaders.Remaining(response, group) is not <= 0)
        {
            return;
        }
        var pause = PhemexRateLimitHeaders.RetryAfter(response, group) ?? _limits.DefaultRetryAfter;
        GroupBudget(session, group).PauseUntil(time.GetUtcNow() + pause);
        PhemexLog.RateLimitPaused(logger, group, session.Identity, (int)response.StatusCode, pause.TotalMilliseconds);
    }

    public void Dispose()
    {
        foreach (var budget in _groups.Values.Concat(_hosts.Values))
        {
            budget.Dispose();
        }
    }

    private SlidingWindowBudget GroupBudget(PhemexSession session, PhemexRateLimitGroup group) =>
        _groups.GetOrAdd((session.Identity, group), static (key, state) => state.limiter.CreateGroupBudget(key.Group, state.signed), (limiter: this, signed: session.Credentials is not null));

    private SlidingWindowBudget CreateGroupBudget(PhemexRateLimitGroup group, bool signed)
    {
        if (!signed)
        {
            // Phemex documents per-user budgets; unsigned market data counts against the IP budget only.
            return SlidingWindowBudget.PausesOnly(time);
        }
        var capacity = group == PhemexRateLimitGroup.Contract ? _limits.ContractCapacity : _limits.OthersCapacity;
        return new SlidingWindowBudget(capacity, _limits.Window, time);
    }

    private SlidingWindowBudget HostBudget(PhemexSession session) =>
        _hosts.GetOrAdd(session.BaseUrl.Authority, static (_, state) => new SlidingWindowBudget(
            state.testnet ? state.limits.TestnetIpCapacity : state.limits.IpCapacity, state.limits.IpWindow, state.time),
            (limits: _limits, testnet: session.Testnet, time));
}
