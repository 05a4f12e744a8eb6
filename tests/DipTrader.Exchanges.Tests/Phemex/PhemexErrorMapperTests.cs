using DipTrader.Exchanges.Phemex;

namespace DipTrader.Exchanges.Tests.Phemex;

/// <summary>HTTP statuses and business codes to error kinds (reference A.5, G.6–G.8).</summary>
public sealed class PhemexErrorMapperTests
{
    [Theory]
    [InlineData(200, "39995", "Too many requests.", ExchangeErrorKind.RateLimited)]
    [InlineData(429, null, "", ExchangeErrorKind.RateLimited)]
    [InlineData(200, "11001", "TE_NO_ENOUGH_AVAILABLE_BALANCE", ExchangeErrorKind.InsufficientFunds)]
    [InlineData(200, "11082", "TE_CANNOT_COVER_ESTIMATE_ORDER_LOSS", ExchangeErrorKind.InsufficientFunds)]
    [InlineData(200, "10001", "OM_DUPLICATE_ORDERID", ExchangeErrorKind.DuplicateClientOrderId)]
    [InlineData(200, "11033", "TE_ORDER_ID_DUPLICATE", ExchangeErrorKind.DuplicateClientOrderId)]
    [InlineData(200, "11085", "TE_CL_ORD_ID_DUPLICATE", ExchangeErrorKind.DuplicateClientOrderId)]
    [InlineData(200, "19999", "REQUEST_IS_DUPLICATED", ExchangeErrorKind.DuplicateClientOrderId)]
    [InlineData(200, "10500", "API Signature verification failed.", ExchangeErrorKind.AuthenticationFailed)]
    [InlineData(401, null, "401 Request Expired at 1700000060", ExchangeErrorKind.AuthenticationFailed)]
    [InlineData(403, null, "401 Insufficient privilege", ExchangeErrorKind.AuthenticationFailed)]
    [InlineData(200, "77777", "Signature mismatch", ExchangeErrorKind.AuthenticationFailed)]
    [InlineData(200, "77777", "Request expired", ExchangeErrorKind.AuthenticationFailed)]
    [InlineData(200, "10002", "OM_ORDER_NOT_FOUND", ExchangeErrorKind.NotFound)]
    [InlineData(200, "6001", "invalid argument", ExchangeErrorKind.NotFound)]
    [InlineData(200, "11027", "TE_SYMBOL_INVALID", ExchangeErrorKind.NotFound)]
    [InlineData(200, "39997", "Symbol not listed", ExchangeErrorKind.NotFound)]
    [InlineData(500, null, "<html>", ExchangeErrorKind.Unavailable)]
    [InlineData(503, "10500", "Signature", ExchangeErrorKind.Unavailable)]
    [InlineData(408, null, "", ExchangeErrorKind.Unavailable)]
    [InlineData(200, "11058", "TE_QTY_TOO_SMALL", ExchangeErrorKind.InvalidOrder)]
    [InlineData(200, "11057", "TE_QTY_NOT_MATCH_REDUCE_ONLY", ExchangeErrorKind.InvalidOrder)]
    [InlineData(200, "11999", "some new trading-engine rejection", ExchangeErrorKind.InvalidOrder)]
    [InlineData(200, "30000", "Please double check input arguments", ExchangeErrorKind.InvalidOrder)]
    [InlineData(200, "20004", "TE_ERR_INCONSISTENT_POS_MODE", ExchangeErrorKind.InvalidOrder)]
    [InlineData(200, "10500", "Missing required parameter", ExchangeErrorKind.InvalidOrder)]
    [InlineData(200, "12345", "something else", ExchangeErrorKind.Unknown)]
    public void Maps_status_and_code_to_a_kind(int status, string? code, string message, ExchangeErrorKind expected)
    {
        Assert.Equal(expected, PhemexErrorMapper.Map(status, code, message, null).Kind);
    }

    [Fact]
    public void Only_rate_limits_carry_retry_after()
    {
        Assert.Equal(TimeSpan.FromSeconds(3), PhemexErrorMapper.Map(429, "39995", "", TimeSpan.FromSeconds(3)).RetryAfter);
        Assert.Null(PhemexErrorMapper.Map(200, "11001", "", TimeSpan.FromSeconds(3)).RetryAfter);
    }
}
