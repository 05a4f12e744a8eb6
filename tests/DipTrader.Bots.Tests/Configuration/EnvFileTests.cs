using DipTrader.Bots.Configuration;

namespace DipTrader.Bots.Tests.Configuration;

public sealed class EnvFileTests
{
    [Fact]
    public void Reads_quotes_comments_export_and_blank_lines()
    {
        var values = EnvFile.Parse("""

            # comment
            export A=1
            B = "two words"
            C='single'
            D=value # trailing comment
            E=has=equals
            not a line
            """);

        Assert.Equal("1", values["A"]);
        Assert.Equal("two words", values["B"]);
        Assert.Equal("single", values["C"]);
        Assert.Equal("value", values["D"]);
        Assert.Equal("has=equals", values["E"]);
        Assert.Equal(5, values.Count);
    }

    // Each expectation is what python-dotenv's load_dotenv() gives the predecessor for the same text.
    [Theory]
    [InlineData("API_KEY=\"abc-123\" # the key", "abc-123")]
    [InlineData("API_KEY='abc-123'   # the key", "abc-123")]
    [InlineData("API_KEY=\"abc-123\"\t# the key", "abc-123")]
    [InlineData("API_KEY=abc-123\t# the key", "abc-123")]
    [InlineData("API_KEY=abc#123", "abc#123")]
    [InlineData("export\tAPI_KEY=abc-123", "abc-123")]
    [InlineData("API_KEY=\"a\\\"b\\nc\"", "a\"b\nc")]
    [InlineData("API_KEY='a\\'b\\nc'", "a'b\\nc")]
    [InlineData("API_KEY=\"first\nsecond\"", "first\nsecond")]
    [InlineData("API_KEY=", "")]
    public void Values_read_as_python_dotenv_reads_them(string line, string expected)
    {
        Assert.Equal(expected, EnvFile.Parse(line)["API_KEY"]);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\r")]
    public void Every_line_ending_separates_lines(string newline)
    {
        var values = EnvFile.Parse(string.Join(newline, "API_KEY=key", "API_SECRET=\"secret\"", "TESTNET=false # c", ""));

        Assert.Equal(["API_KEY", "API_SECRET", "TESTNET"], values.Keys.Order());
        Assert.Equal(("key", "secret", "false"), (values["API_KEY"], values["API_SECRET"], values["TESTNET"]));
    }

    [Fact]
    public void A_line_python_dotenv_cannot_parse_sets_nothing_and_the_next_line_still_counts()
    {
        var values = EnvFile.Parse("A=\"quoted\"junk\nB\nC=3");

        Assert.Equal(["C"], values.Keys);
    }

    [Fact]
    public void Variables_are_interpolated_from_the_environment_first_then_earlier_lines()
    {
        var values = EnvFile.Parse("""
            BASE=https://api.phemex.com
            PHEMEX_BASE_URL=${BASE}
            FROM_ENV=${HOME_DIR}/x
            FALLBACK=${MISSING:-5}
            EMPTY=${MISSING}
            """, new Dictionary<string, string> { ["HOME_DIR"] = "/home/bot", ["BASE"] = "https://proxy.example" });

        Assert.Equal("https://proxy.example", values["PHEMEX_BASE_URL"]); // load_dotenv() without override: the environment wins
        Assert.Equal("/home/bot/x", values["FROM_ENV"]);
        Assert.Equal("5", values["FALLBACK"]);
        Assert.Equal(string.Empty, values["EMPTY"]);
    }

    [Fact]
    public void Interpolation_uses_earlier_lines_when_the_environment_lacks_the_name()
    {
        Assert.Equal("https://api.phemex.com/v1", EnvFile.Parse("BASE=https://api.phemex.com\nURL=${BASE}/v1")["URL"]);
    }
}
