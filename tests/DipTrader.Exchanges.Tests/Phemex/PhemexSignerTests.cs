using System.Text;
using DipTrader.Exchanges.Phemex;
using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Tests.Phemex;

/// <summary>The worked examples of reference A.2 (made-up credentials), computed there with Python's hmac.</summary>
public sealed class PhemexSignerTests
{
    private const long Expiry = 1700000060;
    private const string OrderBody =
        """{"symbol":"BTCUSDT","clOrdID":"order_1700000000123","side":"Buy","orderQtyRq":"0.001","priceRp":"37000.5","ordType":"Limit","timeInForce":"PostOnly","posSide":"Long","reduceOnly":false}""";

    private static readonly byte[] SecretKey = Encoding.UTF8.GetBytes(PhemexTestHost.ApiSecret);

    [Theory]
    [InlineData("/g-accounts/positions", "currency=USDT", "0d89bdd5ee7a1840af40c6a7f4df657339352538134d3d75326b40d3a931b097")]
    [InlineData("/g-orders/all", "symbol=BTCUSDT&untriggered=false", "63d849dcf64d85b745ca6853121d2b7e526d6725385b8be837a86d57a3b42beb")]
    [InlineData("/md/v3/ticker/24hr", "symbol=BTCUSDT", "930989770a6302d858bbea7be224388a4db2f14437febc38090de3b122b2bac6")]
    [InlineData("/exchange/public/md/v2/kline/last", "symbol=BTCUSDT&resolution=300&limit=100", "31e94160dcc5553986715e61e41468084eeb27ce8eed6f70b457b6feb6483135")]
    [InlineData("/public/products", "", "08fd44b4498c11efcd44b4b99c68451328d79e3aad9bffd9c5a1f2a7bedbe8c7")]
    public void Signs_requests_without_body_like_the_worked_examples(string path, string query, string expected)
    {
        Assert.Equal(expected, PhemexSigner.Sign(SecretKey, path, query, Expiry, []));
    }

    [Fact]
    public void Signs_an_order_body_like_worked_example_6()
    {
        var signature = PhemexSigner.Sign(SecretKey, "/g-orders", "", Expiry, Encoding.UTF8.GetBytes(OrderBody));

        Assert.Equal("1847e14021a545c4e810431c9dba2f08de8eca995d079664a9a19fd277a10366", signature);
    }

    [Fact]
    public void Order_body_is_compact_json_in_the_documented_key_order()
    {
        var order = new OrderRequest("BTCUSDT", "order_1700000000123", OrderSide.Buy, PositionSide.Long, 0.001m, 37000.5m, TimeInForce.PostOnly, ReduceOnly: false);

        Assert.Equal(OrderBody, Encoding.UTF8.GetString(PhemexOrders.Body(order)));
    }

    [Theory]
    [InlineData("0.00001", "0.00001")]
    [InlineData("0.0010", "0.001")]
    [InlineData("37000.50", "37000.5")]
    [InlineData("1000000", "1000000")]
    [InlineData("0.0000000000000000000000000001", "0.0000000000000000000000000001")]
    public void Decimals_are_written_plainly_never_in_exponent_form(string value, string expected)
    {
        Assert.Equal(expected, PhemexJson.Format(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_signature_depends_on_every_part_of_the_request()
    {
        var baseline = PhemexSigner.Sign(SecretKey, "/g-orders/all", "symbol=BTCUSDT", Expiry, []);

        Assert.NotEqual(baseline, PhemexSigner.Sign(SecretKey, "/g-orders/all", "symbol=ETHUSDT", Expiry, []));
        Assert.NotEqual(baseline, PhemexSigner.Sign(SecretKey, "/g-orders/all", "symbol=BTCUSDT", Expiry + 1, []));
        Assert.NotEqual(baseline, PhemexSigner.Sign(SecretKey, "/g-orders/all", "symbol=BTCUSDT", Expiry, "{}"u8));
        Assert.NotEqual(baseline, PhemexSigner.Sign("other"u8, "/g-orders/all", "symbol=BTCUSDT", Expiry, []));
    }
}
