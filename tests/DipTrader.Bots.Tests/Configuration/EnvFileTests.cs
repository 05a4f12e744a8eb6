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
}
