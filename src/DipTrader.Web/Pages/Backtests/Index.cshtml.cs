using System.Globalization;
using DipTrader.Web.Auth;
using DipTrader.Web.Pages.Bots;
using DipTrader.Web.Services;
using DipTrader.Web.Services.Backtests;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DipTrader.Web.Pages.Backtests;

/// <summary>
/// <c>/backtests</c>: the user's backtests, newest first and paged (<c>?p=2</c>), and the form that queues a new one
/// (<c>?copy={id}</c> prefills it from an earlier one). Bad input shows the form again with every field's message
/// and saves nothing.
/// </summary>
[RequestSizeLimit(UploadRequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadRequestLimit)]
public sealed class IndexModel(BacktestService backtests, BacktestQueries queries, TimeProvider time) : PageModel
{
    /// <summary>The CSV limit plus room for the form's other fields; the service answers a clear message up to here.</summary>
    private const long UploadRequestLimit = BacktestCandleFiles.MaxUploadBytes + 1024 * 1024;

    [BindProperty]
    public BacktestFields Form { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNumber { get; set; }

    [BindProperty(SupportsGet = true, Name = "copy")]
    public int? CopyOf { get; set; }

    public Page<BacktestSummary> Backtests { get; private set; } = null!;

    public FormErrors Errors { get; private set; } = FormErrors.None;

    public int Active { get; private set; }

    public string? CopiedName { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        Form = BacktestFields.ForNew(today);
        if (CopyOf is { } id && await queries.ViewAsync(User.UserId(), id, cancellationToken) is { Summary.Spec: { } spec } earlier)
        {
            Form = BacktestFields.Copy(spec, today);
            CopiedName = earlier.Summary.Name;
        }
        await LoadListAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await backtests.CreateAsync(User.UserId(), Form.ToInput(), cancellationToken);
        if (!result.Succeeded)
        {
            Errors = new FormErrors(result.Errors);
            Form.Normalize();
            await LoadListAsync(cancellationToken);
            return Page();
        }
        TempData["Success"] = $"Backtest \"{result.Value!.Name}\" queued.";
        return Redirect(DetailModel.Href(result.Value.Id));
    }

    public PagerView Pager => new(
        "backtests",
        Backtests.Number,
        Backtests.HasPrevious ? Link(Backtests.Number - 1) : null,
        Backtests.HasNext ? Link(Backtests.Number + 1) : null);

    private static string Link(int number) => number <= 1 ? "/backtests#list" : string.Create(CultureInfo.InvariantCulture, $"/backtests?p={number}#list");

    private async Task LoadListAsync(CancellationToken cancellationToken)
    {
        var userId = User.UserId();
        Backtests = await queries.ListAsync(userId, FormNumbers.PageNumber(PageNumber), cancellationToken);
        Active = await queries.ActiveCountAsync(userId, cancellationToken);
    }
}
