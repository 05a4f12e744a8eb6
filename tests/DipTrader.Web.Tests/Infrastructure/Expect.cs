using System.Net;

namespace DipTrader.Web.Tests.Infrastructure;

/// <summary>Status assertions that show the answer when they fail.</summary>
public static class Expect
{
    public static HtmlPage Is(this HtmlPage page, HttpStatusCode status)
    {
        Assert.True(page.Status == status, $"Expected {(int)status}, got {page}");
        return page;
    }

    public static ApiAnswer Is(this ApiAnswer answer, HttpStatusCode status)
    {
        Assert.True(answer.Status == status, $"Expected {(int)status}, got {answer}");
        return answer;
    }

    /// <summary>A redirect to <paramref name="path"/> (compared without query or fragment).</summary>
    public static HtmlPage RedirectsTo(this HtmlPage page, string path)
    {
        Assert.True(page.Status == HttpStatusCode.Redirect && page.LocationPath == path, $"Expected a redirect to {path}, got {page}");
        return page;
    }

    /// <summary>The page re-rendered with a message next to a field (status 200, never 500).</summary>
    public static HtmlPage HasFieldError(this HtmlPage page, string message)
    {
        Assert.True(page.Status == HttpStatusCode.OK, $"Expected the form again (200), got {page}");
        Assert.True(page.FieldErrors.Any(e => e.Contains(message, StringComparison.Ordinal)),
            $"Expected a field message containing \"{message}\"; the page shows: {string.Join(" | ", page.FieldErrors)}");
        return page;
    }

    /// <summary>A ProblemDetails 400 whose <c>errors</c> names <paramref name="field"/>, with a message containing <paramref name="message"/>.</summary>
    public static ApiAnswer HasError(this ApiAnswer answer, string field, string? message = null)
    {
        Assert.True(answer.Status == HttpStatusCode.BadRequest, $"Expected 400, got {answer}");
        Assert.True(answer.ContentType == "application/problem+json", $"Expected ProblemDetails, got {answer.ContentType}: {answer}");
        Assert.True(answer.Errors.TryGetValue(field, out var messages), $"Expected errors.{field}, got {answer}");
        if (message is not null)
        {
            Assert.True(messages.Any(m => m.Contains(message, StringComparison.Ordinal)), $"Expected errors.{field} to say \"{message}\", got {answer}");
        }
        return answer;
    }
}
