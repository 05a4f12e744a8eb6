using System.Text;
using System.Text.Json;

namespace DipTrader.Exchanges.Phemex;

/// <summary>
/// Reads a Phemex answer: parses the body, picks the envelope by path (reference A.3) and returns the payload,
/// or throws an <see cref="ExchangeException"/> for an HTTP or business error. An unreadable 2xx body is
/// <see cref="ExchangeErrorKind.Unavailable"/>: the request may have been carried out, the answer is lost.
/// </summary>
internal static class PhemexResponseReader
{
    private const int SnippetLength = 120;

    public static JsonDocument? TryParse(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The payload (<c>data</c>, <c>result</c> or a bare array) of a successful answer.</summary>
    /// <param name="redact">Removes secrets Phemex may echo back (the API key) from messages.</param>
    public static JsonElement ReadPayload(string path, int httpStatus, JsonDocument? document, ReadOnlySpan<byte> body, TimeSpan? retryAfter, Func<string, string> redact)
    {
        var success = httpStatus is >= 200 and < 300;
        if (document is null)
        {
            var snippet = redact(Snippet(body));
            if (success)
            {
                throw new ExchangeException(new ExchangeError(ExchangeErrorKind.Unavailable,
                    $"Phemex answered {path} with HTTP {httpStatus} and a body that is not JSON: '{snippet}'.", HttpStatus: httpStatus));
            }
            throw Failure(httpStatus, null, snippet.Length > 0 ? snippet : $"HTTP {httpStatus}", retryAfter);
        }

        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Array && success)
        {
            return root;
        }
        if (!TryReadEnvelope(path, root, out var code, out var message, out var payload))
        {
            if (success)
            {
                throw new ExchangeException(new ExchangeError(ExchangeErrorKind.Unavailable,
                    $"Phemex answered {path} with JSON that is neither {{code,msg,data}} nor {{error,id,result}}: '{redact(Snippet(body))}'.", HttpStatus: httpStatus));
            }
            throw Failure(httpStatus, null, redact(Snippet(body)), retryAfter);
        }
        if (!success || code is not null)
        {
            throw Failure(httpStatus, code, redact(message ?? $"HTTP {httpStatus}"), retryAfter);
        }
        return payload;
    }

    /// <summary>
    /// Reads either envelope; <paramref name="code"/> is null on success. <c>/md</c> paths normally use
    /// <c>{error,id,result}</c>, but both shapes are accepted on every path.
    /// </summary>
    private static bool TryReadEnvelope(string path, JsonElement root, out string? code, out string? message, out JsonElement payload)
    {
        code = null;
        message = null;
        payload = default;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return false;
        }
        var preferResult = PhemexEndpoints.UsesResultEnvelope(path);
        if (preferResult && TryReadResultEnvelope(root, ref code, ref message, ref payload))
        {
            return true;
        }
        if (root.TryGetProperty("code", out var codeElement))
        {
            var codeText = PhemexJson.AsText(codeElement) ?? "";
            code = codeText == "0" ? null : codeText;
            message = PhemexJson.OptionalString(root, "msg", "message");
            payload = root.TryGetProperty("data", out var data) ? data : default;
            return true;
        }
        return !preferResult && TryReadResultEnvelope(root, ref code, ref message, ref payload);
    }

    private static bool TryReadResultEnvelope(JsonElement root, ref string? code, ref string? message, ref JsonElement payload)
    {
        if (!root.TryGetProperty("error", out var error) && !root.TryGetProperty("result", out _))
        {
            return false;
        }
        if (error.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            payload = root.TryGetProperty("result", out var result) ? result : default;
            return true;
        }
        code = PhemexJson.OptionalString(error, "code") ?? "unknown";
        message = PhemexJson.OptionalString(error, "message", "msg") ?? PhemexJson.AsText(error);
        return true;
    }

    private static ExchangeException Failure(int httpStatus, string? code, string message, TimeSpan? retryAfter) =>
        new(PhemexErrorMapper.Map(httpStatus, code, message, retryAfter));

    private static string Snippet(ReadOnlySpan<byte> body)
    {
        var text = Encoding.UTF8.GetString(body.Length <= SnippetLength * 4 ? body : body[..(SnippetLength * 4)]).Trim();
        return text.Length <= SnippetLength ? text : string.Concat(text.AsSpan(0, SnippetLength), "…");
    }
}
