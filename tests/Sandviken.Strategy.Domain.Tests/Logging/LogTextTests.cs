using Sandviken.Strategy.Domain.Logging;

namespace Sandviken.Strategy.Domain.Tests.Logging;

public sealed class LogTextTests
{
    [Theory]
    [InlineData("anna@kommun.example", "anna@kommun.example")]
    [InlineData("x@y.example\n2026-11-26 admin@sandviken.example signed in", "x@y.example?2026-11-26 admin@sandviken.example signed in")]
    [InlineData("a\r\nb\u0000c\u001b[31md", "a??b?c?[31md")]
    [InlineData("evil\u2028line\u2029para\u202Eright-to-left", "evil?line?para?right-to-left")]
    [InlineData("emoji 👍 and åäö stay", "emoji 👍 and åäö stay")]
    [InlineData(null, "")]
    public void Control_and_invisible_characters_are_replaced_and_ordinary_text_is_kept(string? value, string expected) =>
        Assert.Equal(expected, LogText.Safe(value));

    [Fact]
    public void A_lone_surrogate_is_replaced() =>
        Assert.Equal("lone ? surrogate", LogText.Safe("lone " + (char)0xD800 + " surrogate"));

    [Fact]
    public void A_huge_value_is_cut_to_the_limit_and_says_how_long_it_was()
    {
        var huge = new string('a', 3_900_000) + "@example.se";

        var safe = LogText.Safe(huge);

        Assert.StartsWith(new string('a', LogText.MaxLength) + "… [3900011 characters, cut]", safe, StringComparison.Ordinal);
        Assert.True(safe.Length < LogText.MaxLength + 40);
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        var value = new string('a', LogText.MaxLength - 1) + "👍" + "rest";

        var safe = LogText.Safe(value);

        Assert.StartsWith(new string('a', LogText.MaxLength - 1) + "…", safe, StringComparison.Ordinal);
        Assert.DoesNotContain('?', safe);
    }
}
