using Sandviken.Strategy.Web.Components.Shared;

namespace Sandviken.Strategy.Web.Tests.Components;

public sealed class LabelsTests
{
    [Theory]
    [InlineData("3.1234", "3,1234")]
    [InlineData("81.20", "81,2")]
    [InlineData("50000", "50\u00A0000")]
    [InlineData("-2.5", "−2,5")]
    public void Stored_values_read_as_typed_with_every_stored_decimal(string value, string expected)
    {
        Assert.Equal(expected, Labels.Number(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void No_value_is_a_dash()
    {
        Assert.Equal("–", Labels.Number(null));
    }

    [Theory]
    [InlineData(0, 0, "Inget beslut är försenat.")]
    [InlineData(1, 0, "1 utkast är försenat.")]
    [InlineData(0, 1, "1 slutligt beslut är försenat.")]
    [InlineData(0, 4, "4 slutliga beslut är försenade.")]
    [InlineData(2, 1, "2 utkast och 1 slutligt beslut är försenade.")]
    [InlineData(1, 1, "1 utkast och 1 slutligt beslut är försenade.")]
    public void Overdue_decisions_say_which_decision_is_late_in_singular_or_plural(int drafts, int finals, string expected)
    {
        Assert.Equal(expected, Labels.OverdueDecisions(drafts, finals));
    }

    [Theory]
    [InlineData(1, "1 försenad")]
    [InlineData(0, "0 försenade")]
    [InlineData(2, "2 försenade")]
    public void A_count_takes_the_singular_only_for_one(int count, string expected)
    {
        Assert.Equal(expected, Labels.Count(count, "försenad", "försenade"));
    }
}
