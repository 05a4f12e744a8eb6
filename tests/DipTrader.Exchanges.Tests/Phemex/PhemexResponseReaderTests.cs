using System.Text;
using System.Text.Json;
using DipTrader.Exchanges.Phemex;

namespace DipTrader.Exchanges.Tests.Phemex;

/// <summary>Both envelopes (reference A.3), codes as numbers or strings, and what an unreadable answer becomes.</summary>
public sealed class PhemexResponseReaderTests
{
    [Fact]
    public void Code_msg_data_envelope_yields_data()
    {
        var data = Read("/g-accounts/positions", 200, """{"code":0,"msg":"","data":{"x":"1.5"}}""");

        Assert.Equal("1.5", data.GetProperty("x").GetString());
    }

    [Fact]
    public void Error_id_result_envelope_yields_result_on_md_paths()
    {
        var result = Read("/md/v3/ticker/24hr", 200, """{"error":null,"id":0,"result":{"bidRp":"1"}}""");

        Assert.Equal("1", result.GetProperty("bidRp").GetString());
    }

    [Fact]
    public void Error_object_of_md_paths_becomes_an_exchange_error()
    {
        var error = Fail("/md/v3/ticker/24hr", 200, """{"error":{"code":6001,"message":"invalid argument"},"id":null,"result":null}""");

        Assert.Equal(ExchangeErrorKind.NotFound, error.Kind);
        Assert.Equal("6001", error.Code);
        Assert.Equal("invalid argument", error.Message);
    }

    [Fact]
    public void Code_sent_as_a_string_is_understood()
    {
        var error = Fail("/g-accounts/positions", 200, """{"msg":"Api key not found abc","code":"10500"}""");

        Assert.Equal(ExchangeErrorKind.AuthenticationFailed, error.Kind);
        Assert.Equal("10500", error.Code);
    }

    [Fact]
    public void String_zero_code_is_success()
    {
        Assert.Equal(3, Read("/g-orders/all", 200, """{"code":"0","msg":"","data":3}""").GetInt32());
    }

    [Fact]
    public void Bare_array_is_a_payload()
    {
        Assert.Equal(2, Read("/api-data/g-futures/orders/by-order-id", 200, """[{"a":1},{"a":2}]""").GetArrayLength());
    }

    [Fact]
    public void Non_json_success_body_is_unavailable_with_a_clear_message()
    {
        var error = Fail("/g-orders", 200, """{"code":0,"data":{"orderID":""");

        Assert.Equal(ExchangeErrorKind.Unavailable, error.Kind);
        Assert.Contains("not JSON", error.Message, StringComparison.Ordinal);
        Assert.Contains("/g-orders", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_of_an_unknown_shape_is_unavailable()
    {
        var error = Fail("/g-orders", 200, """{"hello":"world"}""");

        Assert.Equal(ExchangeErrorKind.Unavailable, error.Kind);
        Assert.Contains("neither", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_error_page_keeps_the_http_status_meaning()
    {
        var error = Fail("/g-orders", 502, "<html>Bad gateway</html>");

        Assert.Equal(ExchangeErrorKind.Unavailable, error.Kind);
        Assert.Equal(502, error.HttpStatus);
    }

    [Fact]
    public void Secrets_echoed_by_the_exchange_are_redacted_from_messages()
    {
        var error = Fail("/g-accounts/positions", 200, """{"msg":"Api key not found my-key","code":"10500"}""", text => text.Replace("my-key", "#fp", StringComparison.Ordinal));

        Assert.DoesNotContain("my-key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rate_limit_answer_carries_retry_after()
    {
        using var document = JsonDocument.Parse("""{"code":39995,"msg":"Too many requests."}""");
        var ex = Assert.Throws<ExchangeException>(() => PhemexResponseReader.ReadPayload("/g-orders", 429, document, [], TimeSpan.FromSeconds(7), t => t));

        Assert.Equal(ExchangeErrorKind.RateLimited, ex.Error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(7), ex.Error.RetryAfter);
        Assert.True(ex.Error.IsTransient);
    }

    private static JsonElement Read(string path, int status, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var document = PhemexResponseReader.TryParse(bytes);
        return PhemexResponseReader.ReadPayload(path, status, document, bytes, null, t => t).Clone();
    }

    private static ExchangeError Fail(string path, int status, string body, Func<string, string>? redact = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        using var document = PhemexResponseReader.TryParse(bytes);
        return Assert.Throws<ExchangeException>(() => PhemexResponseReader.ReadPayload(path, status, document, bytes, null, redact ?? (t => t))).Error;
    }
}
