using DipTrader.Data.Entities;
using DipTrader.Web.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DipTrader.Web.Pages.Bots;

/// <summary>What start, stop and the delete pages do with a service's answer: 404, or a message and a redirect.</summary>
internal static class BotCommandPage
{
    public static IActionResult Finish(PageModel page, ServiceResult<Bot> result, string success, string redirectTo)
    {
        if (result.NotFound)
        {
            return page.NotFound();
        }
        if (result.Succeeded)
        {
            page.TempData["Success"] = success;
        }
        else
        {
            page.TempData["Error"] = string.Join(" ", result.Errors.Values.SelectMany(m => m));
        }
        return new RedirectResult(redirectTo);
    }

    public static string BotUrl(int id) => $"/bots/{BotFormat.Whole(id)}";
}
