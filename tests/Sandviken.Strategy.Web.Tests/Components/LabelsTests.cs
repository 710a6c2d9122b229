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
}
