using Sandviken.Strategy.Web.Components.Shared;

namespace Sandviken.Strategy.Web.Tests.Components;

public sealed class SwedishNumberTests
{
    [Theory]
    [InlineData("3,5", "3.5")]
    [InlineData("3.5", "3.5")]
    [InlineData("35", "35")]
    [InlineData(" 3,5 ", "3.5")]
    [InlineData("50 000", "50000")]
    [InlineData("50\u00A0000", "50000")]
    [InlineData("50\u202F000", "50000")]
    [InlineData("1 000,25", "1000.25")]
    [InlineData("1 000 000", "1000000")]
    [InlineData("1 000.25", "1000.25")]
    [InlineData("-3,5", "-3.5")]
    [InlineData("\u22123,5", "-3.5")]
    [InlineData("\u22121\u00A0000,25", "-1000.25")]
    [InlineData("+7", "7")]
    [InlineData(",5", "0.5")]
    [InlineData("0,0001", "0.0001")]
    [InlineData("3,50", "3.5")]
    [InlineData("-0", "0")]
    [InlineData("1,000", "1")] // a comma is the Swedish decimal mark, never a thousands separator
    [InlineData("12345678901234,1234", "12345678901234.1234")]
    [InlineData("123456789012345", "123456789012345")] // too large to store, but readable: the domain says so
    [InlineData("3,14159", "3.14159")] // too many decimals to store, but readable: the domain says so
    public void Reads_Swedish_and_dotted_numbers(string text, string expected)
    {
        Assert.True(SwedishNumber.TryParseDecimal(text, out var value));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u00A0")]
    public void Empty_means_no_value(string? text)
    {
        Assert.True(SwedishNumber.TryParseDecimal(text, out var value));
        Assert.Null(value);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("3,5 st")]
    [InlineData("50 000 invånare")]
    [InlineData("1.000,5")] // which mark is the decimal one?
    [InlineData("1,000.5")]
    [InlineData("1,2,3")]
    [InlineData("3 5")] // not a group of three: 35 or 3 and 5?
    [InlineData("50 00")]
    [InlineData("5000 000")]
    [InlineData("50  000")]
    [InlineData("1 000,2 5")]
    [InlineData("5,")]
    [InlineData(",")]
    [InlineData("-")]
    [InlineData("- 5")]
    [InlineData("--5")]
    [InlineData("5-")]
    [InlineData("1e5")]
    [InlineData("0x10")]
    [InlineData("١٢")] // digits of another script
    [InlineData("∞")]
    [InlineData("12345678901234567890123456789")] // 29 digits cannot be read exactly
    [InlineData("0,00000000000000000000000000001")]
    public void Refuses_what_it_cannot_read_exactly(string text)
    {
        Assert.False(SwedishNumber.TryParseDecimal(text, out var value));
        Assert.Null(value);
    }

    [Theory]
    [InlineData("3.5", "3,5")]
    [InlineData("50000", "50\u00A0000")]
    [InlineData("1000.25", "1\u00A0000,25")]
    [InlineData("-2.25", "\u22122,25")]
    [InlineData("0.0001", "0,0001")]
    [InlineData("35.0000", "35")]
    [InlineData("12345678901234.1234", "12\u00A0345\u00A0678\u00A0901\u00A0234,1234")]
    public void Formats_the_Swedish_way_keeping_every_stored_decimal(string value, string expected) =>
        Assert.Equal(expected, SwedishNumber.Format(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Formats_no_value_as_an_empty_field() => Assert.Equal("", SwedishNumber.Format(null));

    [Theory]
    [InlineData("0")]
    [InlineData("3,5")]
    [InlineData("-1234567,0001")]
    [InlineData("99999999999999,9999")]
    public void What_is_shown_reads_back_to_the_same_value(string text)
    {
        Assert.True(SwedishNumber.TryParseDecimal(text, out var value));
        Assert.True(SwedishNumber.TryParseDecimal(SwedishNumber.Format(value), out var again));
        Assert.Equal(value, again);
    }

    [Theory]
    [InlineData("2030", 2030)]
    [InlineData(" 2030 ", 2030)]
    [InlineData("", null)]
    [InlineData("  ", null)]
    public void Reads_years(string text, int? expected)
    {
        Assert.True(SwedishNumber.TryParseYear(text, out var year));
        Assert.Equal(expected, year);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("2030,5")]
    [InlineData("20 30")]
    [InlineData("-2030")]
    [InlineData("9999999999")]
    public void Refuses_years_that_are_not_plain_digits(string text) => Assert.False(SwedishNumber.TryParseYear(text, out _));

    [Fact]
    public void Entries_keep_unreadable_text_and_say_why()
    {
        var value = new DecimalEntry(50000m) { Text = "50 000 invånare" };
        Assert.Equal(SwedishNumber.DecimalMessage, value.Error);
        Assert.Throws<InvalidOperationException>(() => value.Value);
        value.Normalise();
        Assert.Equal("50 000 invånare", value.Text);

        value.Text = "50000";
        value.Normalise();
        Assert.Equal(("50\u00A0000", 50000m), (value.Text, value.Value));

        var year = new YearEntry(2026, required: true) { Text = "" };
        Assert.Equal(SwedishNumber.YearMessage, year.Error);
        Assert.Null(new YearEntry { Text = "" }.Error);
    }
}
