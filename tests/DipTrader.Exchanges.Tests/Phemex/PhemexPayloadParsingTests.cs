using System.Text.Json;
using DipTrader.Exchanges.Phemex;
using DipTrader.Trading.Market;

namespace DipTrader.Exchanges.Tests.Phemex;

/// <summary>Payloads to market types, with the oddities of reference A.4 and G.</summary>
public sealed class PhemexPayloadParsingTests
{
    [Fact]
    public void Account_reads_balance_and_hedged_rows_with_their_margin_mode_and_skips_one_way_rows()
    {
        var account = PhemexMarketParsers.Account(Json("""
            {"account":{"accountBalanceRv":"1234.56789","totalUsedBalanceRv":"10"},
             "positions":[
               {"symbol":"BTCUSDT","posSide":"Long","sizeRq":"0.003","avgEntryPriceRp":"60000.5","markPriceRp":"59000",
                "assignedPosBalanceRv":"18.0015","unRealisedPnlRv":"-3.0015","maintMarginReqRr":"0.005","leverageRr":"-10"},
               {"symbol":"BTCUSDT","posSide":"Short","sizeRq":"0","avgEntryPriceRp":"0","markPriceRp":"59000","leverageRr":"0"},
               {"symbol":"SOLUSDT","posSide":"Long","sizeRq":"0","leverageRr":"5"},
               {"symbol":"ETHUSDT","posSide":"Merged","sizeRq":"1"}]}
            """));

        Assert.Equal(1234.56789m, account.Balance);
        Assert.Equal(3, account.Positions.Count);
        Assert.Equal(new Position("BTCUSDT", PositionSide.Long, 0.003m, 60000.5m, 59000m, 18.0015m, -3.0015m, 0.005m, 10m, MarginMode.Cross), account.Positions[0]);
        Assert.False(account.Positions[1].IsOpen);
        // 0 is cross at the contract's highest leverage, whose size the row does not say.
        Assert.Equal((null, MarginMode.Cross), (account.Positions[1].Leverage, account.Positions[1].MarginMode));
        Assert.Equal((5m, MarginMode.Isolated), (account.Positions[2].Leverage, account.Positions[2].MarginMode));
    }

    [Theory]
    [InlineData("markPriceRp")]
    [InlineData("maintMarginReqRr")]
    [InlineData("assignedPosBalanceRv")]
    [InlineData("unRealisedPnlRv")]
    public void Open_position_without_a_field_its_margin_level_needs_is_a_format_error_naming_it(string field)
    {
        // Read as 0, any of them would make a position near liquidation look safe.
        var row = new Dictionary<string, string>
        {
            ["symbol"] = "BTCUSDT", ["posSide"] = "Long", ["sizeRq"] = "0.003", ["avgEntryPriceRp"] = "60000.5", ["markPriceRp"] = "59000",
            ["assignedPosBalanceRv"] = "18.0015", ["unRealisedPnlRv"] = "-3.0015", ["maintMarginReqRr"] = "0.005", ["leverageRr"] = "-10",
        };
        row.Remove(field);
        var payload = JsonSerializer.Serialize(new { account = new { accountBalanceRv = "100" }, positions = new[] { row } });

        var ex = Assert.Throws<FormatException>(() => PhemexMarketParsers.Account(Json(payload)));

        Assert.Contains($"'{field}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Account_without_balance_is_a_format_error_naming_the_field()
    {
        var ex = Assert.Throws<FormatException>(() => PhemexMarketParsers.Account(Json("""{"account":{},"positions":[]}""")));

        Assert.Contains("accountBalanceRv", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Products_keep_listed_contracts_use_the_step_as_minimum_and_say_why_a_listed_one_cannot_be_traded()
    {
        var products = PhemexMarketParsers.Products(Json("""
            {"perpProductsV2":[
              {"symbol":"BTCUSDT","status":"Listed","qtyStepSize":"0.001","maxOrderQtyRq":"1000","tickSize":"0.1"},
              {"symbol":"OLDUSDT","status":"Delisted","qtyStepSize":"1","maxOrderQtyRq":"10","tickSize":"0.1"},
              {"symbol":"ODDUSDT","status":"Listed","qtyStepSize":"oops","maxOrderQtyRq":"10","tickSize":"0.1"},
              {"symbol":"BIGUSDT","status":"Listed","qtyStepSize":"100","maxOrderQtyRq":"10","tickSize":"0.1"}]}
            """));

        Assert.Equal([new Instrument("BTCUSDT", 0.001m, 0.001m, 1000m, 0.1m)], products.Instruments);
        Assert.Equal(
            [("BIGUSDT", "its smallest order (one qtyStepSize, 100) is above its largest (maxOrderQtyRq 10)"), ("ODDUSDT", "its qtyStepSize is missing or not a positive number")],
            products.Unusable.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)));
    }

    [Fact]
    public void Ticker_without_a_bid_is_a_format_error()
    {
        Assert.Throws<FormatException>(() => PhemexMarketParsers.Quote(Json("""{"bidRp":null,"askRp":"1"}"""), "BTCUSDT"));
    }

    [Fact]
    public void Kline_rows_of_9_and_10_fields_numbers_or_strings_newest_first_become_ascending_candles()
    {
        var data = Json("""
            {"total":-1,"rows":[
              [1700000120,60,"3","3","4","2","3.5","7","24.5","BTCUSDT"],
              [1700000060,60,"1","2","3","1","3","5","15"],
              [1700000000,60,1,1.5,2,0.5,1,4,4]]}
            """);

        var candles = PhemexKlines.Read(data, 1, 10, nowUnixSeconds: 1700000180);

        Assert.Equal([1700000000L, 1700000060L, 1700000120L], candles.OpenTimes.ToArray());
        Assert.Equal(new Candle(1700000060, 2m, 3m, 1m, 3m, 5m), candles[1]);
        Assert.Equal(1.5m, candles[0].Open);
    }

    [Fact]
    public void Kline_row_of_a_period_not_yet_closed_is_dropped()
    {
        var data = Json("""{"rows":[[1700000000,60,"1","1","1","1","1","1","1"],[1700000060,60,"1","1","1","1","2","1","1"]]}""");

        var candles = PhemexKlines.Read(data, 1, 10, nowUnixSeconds: 1700000119);

        Assert.Equal(1, candles.Count);
        Assert.Equal(1700000000, candles.Last.OpenTime);
    }

    [Fact]
    public void Klines_are_trimmed_to_the_most_recent_wanted()
    {
        var rows = string.Join(",", Enumerable.Range(0, 50).Select(i => $"[{1700000000 + i * 300},300,\"1\",\"1\",\"1\",\"1\",\"{i}\",\"1\",\"1\"]"));

        var candles = PhemexKlines.Read(Json($$"""{"rows":[{{rows}}]}"""), 5, 30, nowUnixSeconds: 1800000000);

        Assert.Equal(30, candles.Count);
        Assert.Equal(49m, candles.Last.Close);
    }

    [Fact]
    public void Millisecond_kline_timestamps_are_read_as_seconds()
    {
        var candles = PhemexKlines.Read(Json("""{"rows":[[1700000000000,60,"1","1","1","1","1","1","1"]]}"""), 1, 5, nowUnixSeconds: 1800000000);

        Assert.Equal(1700000000, candles[0].OpenTime);
    }

    [Fact]
    public void Short_kline_row_is_a_format_error()
    {
        Assert.Throws<FormatException>(() => PhemexKlines.Read(Json("""{"rows":[[1700000000,60,"1"]]}"""), 1, 5, 1800000000));
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(5, 10)]
    [InlineData(10, 10)]
    [InlineData(11, 50)]
    [InlineData(100, 100)]
    [InlineData(101, 500)]
    [InlineData(1000, 1000)]
    public void Kline_limit_is_the_smallest_allowed_one_covering_the_wish(int wanted, int requested)
    {
        Assert.Equal(requested, PhemexKlines.RequestLimit(wanted));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Kline_limit_outside_1_to_1000_is_refused(int wanted)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PhemexKlines.RequestLimit(wanted));
    }

    [Fact]
    public void Unsupported_interval_is_refused_naming_the_allowed_ones()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => PhemexKlines.ResolutionSeconds(7));

        Assert.Contains("1, 5, 15", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void History_order_with_lower_case_id_numeric_enums_and_misspelt_price_is_read()
    {
        var order = PhemexOrders.Read(Json("""
            {"orderId":"o-1","clOrdId":"bot-1","symbol":"BTCUSDT","side":2,"posSide":"Short","orderQtyRq":"0.5",
             "priceRq":"61000","ordStatus":7,"cumQtyRq":"0.5","cumValueRv":"30500","cumFeeRv":"0.5","closedPnlRv":"0"}
            """), "BTCUSDT", PositionSide.Long, "bot-1"); // the row's posSide wins over the side it was asked for

        Assert.Equal("o-1", order.ExchangeOrderId);
        Assert.Equal(OrderSide.Sell, order.Side);
        Assert.Equal(PositionSide.Short, order.PositionSide);
        Assert.Equal(61000m, order.Price);
        Assert.Equal(OrderStatus.Filled, order.Status);
        Assert.Equal(61000m, order.AveragePrice);
        Assert.Equal(0.5m, order.Fee);
    }

    [Fact]
    public void Acknowledged_order_is_new_and_biz_error_means_rejected()
    {
        var created = PhemexOrders.Read(Json("""{"clOrdID":"a","side":"Buy","posSide":"Long","orderQtyRq":"1","priceRp":"2","ordStatus":"Created","bizError":0}"""), "BTCUSDT", PositionSide.Long, "a");
        var rejected = PhemexOrders.Read(Json("""{"clOrdID":"a","side":"Buy","posSide":"Long","orderQtyRq":"1","priceRp":"2","ordStatus":"Created","bizError":11001}"""), "BTCUSDT", PositionSide.Long, "a");

        Assert.Equal(OrderStatus.New, created.Status);
        Assert.Null(created.AveragePrice);
        Assert.Equal(OrderStatus.Rejected, rejected.Status);
        Assert.Equal("bizError 11001", rejected.Text);
    }

    [Fact]
    public void Unknown_order_status_is_a_format_error()
    {
        Assert.Throws<FormatException>(() =>
            PhemexOrders.Read(Json("""{"clOrdID":"a","side":"Buy","posSide":"Long","orderQtyRq":"1","priceRp":"2","ordStatus":"Exploded"}"""), "BTCUSDT", PositionSide.Long, "a"));
    }

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
