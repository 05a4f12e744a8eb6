using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DipTrader.Web.Pages;

/// <summary>Every error page: a status and a plain sentence, never an exception or a stack trace.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; } = 500;
    public string Title { get; private set; } = "Something went wrong";
    public string Text { get; private set; } = "The request could not be completed. Try again in a moment.";

    public void OnGet(int? code) => Describe(code ?? HttpContext.Response.StatusCode);

    public void OnPost(int? code) => Describe(code ?? HttpContext.Response.StatusCode);

    private void Describe(int code)
    {
        Code = code is >= 400 and < 600 ? code : 500;
        (Title, Text) = Code switch
        {
            400 => ("Bad request", "The request was not valid. Go back and check the form."),
            403 => ("Not allowed", "You do not have access to this page."),
            404 => ("Not found", "There is nothing here — or it belongs to someone else."),
            429 => ("Too many requests", "Slow down a little and try again in a minute."),
            _ => (Title, Text),
        };
    }
}
