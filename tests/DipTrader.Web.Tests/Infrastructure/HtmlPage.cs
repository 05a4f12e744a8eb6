using System.Net;
using System.Text.RegularExpressions;

namespace DipTrader.Web.Tests.Infrastructure;

/// <summary>An answer as a browser sees it: status, HTML, the text a person reads, messages, a redirect.</summary>
public sealed partial class HtmlPage(HttpResponseMessage response, string html)
{
    public HttpResponseMessage Response { get; } = response;

    public HttpStatusCode Status => Response.StatusCode;

    public string Html { get; } = html;

    /// <summary>The HTML with entities decoded (Razor encodes every non-ASCII character), markup kept.</summary>
    public string Decoded { get; } = WebUtility.HtmlDecode(html);

    /// <summary>What a person reads: no markup, entities decoded, white space collapsed.</summary>
    public string Text { get; } = Plain(html);

    /// <summary>The redirect target as the app wrote it (a path for local redirects).</summary>
    public string? Location => Response.Headers.Location?.OriginalString;

    /// <summary>The path of the redirect target, whether the app wrote it absolute or relative.</summary>
    public string? LocationPath => Response.Headers.Location is { } uri
        ? (uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?', '#')[0])
        : null;

    /// <summary>The messages shown next to form fields.</summary>
    public IReadOnlyList<string> FieldErrors => Messages(FieldErrorPattern());

    /// <summary>The alert boxes (success, warning and error messages).</summary>
    public IReadOnlyList<string> Alerts => Messages(AlertPattern());

    public string? AntiforgeryToken => TokenPattern().Match(Html) is { Success: true } match ? match.Groups["value"].Value : null;

    /// <summary>The value of an input by its name (null when the page has no such input).</summary>
    public string? InputValue(string name)
    {
        foreach (Match input in InputPattern().Matches(Html))
        {
            var tag = input.Value;
            if (tag.Contains($"name=\"{name}\"", StringComparison.Ordinal))
            {
                var value = ValuePattern().Match(tag);
                return value.Success ? WebUtility.HtmlDecode(value.Groups["value"].Value) : string.Empty;
            }
        }
        return null;
    }

    /// <summary>True when an alert box says something containing <paramref name="message"/>.</summary>
    public bool HasAlert(string message) => Alerts.Any(a => a.Contains(message, StringComparison.Ordinal));

    private List<string> Messages(Regex pattern) => [.. pattern.Matches(Html).Select(m => Plain(m.Groups["text"].Value))];

    private static string Plain(string html) =>
        SpacePattern().Replace(WebUtility.HtmlDecode(TagPattern().Replace(InlineTagPattern().Replace(ScriptPattern().Replace(html, " "), string.Empty), " ")), " ").Trim();

    public override string ToString() => $"{(int)Status} {Location} {Text[..Math.Min(Text.Length, 4000)]}";

    [GeneratedRegex("<div class=\"field-error\"[^>]*>(?<text>.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex FieldErrorPattern();

    [GeneratedRegex("<(div|p) class=\"alert[^\"]*\"[^>]*>(?<text>.*?)</(div|p)>", RegexOptions.Singleline)]
    private static partial Regex AlertPattern();

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"(?<value>[^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputPattern();

    [GeneratedRegex("value=\"(?<value>[^\"]*)\"")]
    private static partial Regex ValuePattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();

    [GeneratedRegex("</?(strong|b|em|i|code|span|a|small)(\\s[^>]*)?>")]
    private static partial Regex InlineTagPattern();

    [GeneratedRegex("<(script|style)[^>]*>.*?</(script|style)>", RegexOptions.Singleline)]
    private static partial Regex ScriptPattern();

    [GeneratedRegex("\\s+")]
    private static partial Regex SpacePattern();
}
