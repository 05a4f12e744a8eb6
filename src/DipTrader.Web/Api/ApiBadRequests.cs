using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.WebUtilities;

namespace DipTrader.Web.Api;

/// <summary>
/// A request the API cannot read (JSON that does not parse, a field of the wrong type, a query value that is not a
/// number, no body) answers 400 ProblemDetails naming the field and what it takes, like every other validation error.
/// Minimal APIs throw these as <see cref="BadHttpRequestException"/> (<c>ThrowOnBadRequest</c> is on in every
/// environment, so Development answers the same as Production instead of a 500).
/// </summary>
internal sealed partial class ApiBadRequests(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // Pages keep their HTML error page.
        if (exception is not BadHttpRequestException bad || !Hosting.WebComposition.IsApi(httpContext))
        {
            return false;
        }
        var (field, message) = Describe(httpContext, bad);
        httpContext.Response.StatusCode = bad.StatusCode;
        var details = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = bad.StatusCode,
            Title = bad.StatusCode == StatusCodes.Status400BadRequest ? "The request is not valid." : ReasonPhrases.GetReasonPhrase(bad.StatusCode),
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }

    /// <summary>The field at fault (as the caller spelled it) and what it takes.</summary>
    internal static (string Field, string Message) Describe(HttpContext context, BadHttpRequestException bad)
    {
        if (QueryBinding().Match(bad.Message) is { Success: true } query)
        {
            var name = query.Groups["name"].Value;
            return (name, $"{name} must be {Expectation(query.Groups["type"].Value)}.");
        }
        if (bad.InnerException is JsonException json)
        {
            return DescribeJson(context, json);
        }
        if (bad.Message.Contains("was not provided", StringComparison.Ordinal) || bad.Message.Contains("no body was provided", StringComparison.Ordinal))
        {
            return ("body", "Send a JSON object in the request body.");
        }
        // Kestrel's own refusals (a body too large, a malformed request) say what went wrong in words.
        return ("request", bad.Message);
    }

    private static (string Field, string Message) DescribeJson(HttpContext context, JsonException json)
    {
        var path = json.Path is { Length: > 1 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : null;
        if (json.InnerException is InvalidOperationException { Message: var transcode } && transcode.Contains("UTF-8", StringComparison.Ordinal))
        {
            return ("body", $"The request body is not valid UTF-8 text (line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1}).");
        }
        if (!json.Message.Contains("could not be converted", StringComparison.Ordinal))
        {
            // The reader's own words ("'I' is an invalid start of a value.") without its path and position suffix.
            var reason = json.Message.Split(" Path:", 2)[0];
            return ("body", $"The request body is not valid JSON at line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1}: {reason}");
        }
        if (path is null)
        {
            return ("body", json.Path is null or "$" ? "The request body must be a JSON object." : $"{json.Path} has a value of the wrong type.");
        }
        var property = PropertyOf(context, path);
        return (path, property is null
            ? $"{path} has a value of the wrong type."
            : $"{path} must be {Expectation(property.PropertyType)}.");
    }

    /// <summary>The request type's property the path's first segment names (names compared without case, as the API reads them).</summary>
    private static PropertyInfo? PropertyOf(HttpContext context, string path)
    {
        // The exception handler clears the endpoint before it calls handlers; its feature keeps the one that threw.
        var endpoint = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint();
        var requestType = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var name = path.Split('.', '[')[0];
        return requestType?.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
    }

    private static string Expectation(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) switch
        {
            var t when t == typeof(int) => $"a whole number from {int.MinValue} to {int.MaxValue}",
            var t when t == typeof(long) => "a whole number",
            var t when t == typeof(bool) => "true or false",
            var t when t == typeof(decimal) || t == typeof(double) => "a number",
            var t when t == typeof(string) => "a string",
            var t when t == typeof(JsonElement) => "a JSON object",
            _ => "a value of another type",
        };

    private static string Expectation(string typeName) =>
        typeName.Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('>', '?') switch
        {
            "int" => $"a whole number from {int.MinValue} to {int.MaxValue}",
            "long" => "a whole number",
            "bool" => "true or false",
            "decimal" or "double" => "a number",
            _ => "a value of another type",
        };

    // "Failed to bind parameter "Nullable<int> page" from "abc"."
    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^"]+) (?<name>[A-Za-z_][A-Za-z0-9_]*)" from""")]
    private static partial Regex QueryBinding();
}
