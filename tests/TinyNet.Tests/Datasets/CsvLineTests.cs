using TinyNet.Host;
using TinyNet.Host.Datasets;

namespace TinyNet.Tests.Datasets;

public class CsvLineTests
{
    [Theory]
    [InlineData("a,b,c", new[] { "a", "b", "c" })]
    [InlineData(" 1.5 , -2e3,x ", new[] { "1.5", "-2e3", "x" })]
    [InlineData("\"wave, left\",2", new[] { "wave, left", "2" })]
    [InlineData("\"say \"\"hi\"\"\" ,3", new[] { "say \"hi\"", "3" })]
    [InlineData(",,", new[] { "", "", "" })]
    [InlineData("", new[] { "" })]
    public void Splits_fields_as_spreadsheets_write_them(string line, string[] expected)
    {
        Assert.Equal(expected, CsvLine.Split(line, "line 1"));
    }

    [Theory]
    [InlineData("1,\"open", "line 4: the quote opened at column 3 is never closed")]
    [InlineData("\"a\"b,2", "line 4: text follows the closing quote at column 4")]
    public void A_broken_quote_is_refused_with_its_line_and_column(string line, string message)
    {
        var error = Assert.Throws<UserError>(() => CsvLine.Split(line, "line 4"));
        Assert.StartsWith(message, error.Message);
    }

    [Theory]
    [InlineData("1.25", true, 1.25f)]
    [InlineData("-3e-2", true, -0.03f)]
    [InlineData("1,5", false, 0f)]
    [InlineData("NaN", false, 0f)]
    [InlineData("Infinity", false, 0f)]
    [InlineData("", false, 0f)]
    [InlineData("abc", false, 0f)]
    public void Reads_numbers_in_the_invariant_culture_and_refuses_non_finite_ones(string text, bool ok, float expected)
    {
        Assert.Equal(ok, CsvLine.TryNumber(text, out float value));
        if (ok) Assert.Equal(expected, value);
    }
}
