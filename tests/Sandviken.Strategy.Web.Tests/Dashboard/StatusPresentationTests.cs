using System.Text.RegularExpressions;
using Bunit;
using MudBlazor.Services;
using Sandviken.Strategy.Domain.Planning;
using Sandviken.Strategy.Web.Components.Pages.Public;
using Sandviken.Strategy.Web.Components.Shared;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Dashboard;

/// <summary>Status never rests on colour alone: each state has its own icon and its own word.</summary>
public sealed partial class StatusPresentationTests(PortalFactory portal) : IClassFixture<PortalFactory>, IDisposable
{
    private readonly BunitContext context = new();

    public void Dispose() => context.Dispose();

    [Theory]
    [InlineData(DecisionState.Decided, "Beslutad")]
    [InlineData(DecisionState.NotDecided, "Ej beslutad")]
    [InlineData(DecisionState.Overdue, "Försenad")]
    [InlineData(DecisionState.NotApplicable, "Ej aktuell – organisationen lades till efter sista dagen")]
    public void Each_state_has_a_word_and_an_icon_hidden_from_screen_readers(DecisionState state, string word)
    {
        context.Services.AddMudServices();

        var cut = context.Render<DecisionStateText>(p => p.Add(c => c.State, state));

        Assert.Equal(word, cut.Find(".status > span").TextContent);
        Assert.Equal("true", cut.Find(".status svg").GetAttribute("aria-hidden"));
    }

    [Fact]
    public void The_three_icons_differ_so_that_shape_tells_them_apart_too()
    {
        context.Services.AddMudServices();

        var icons = Enum.GetValues<DecisionState>()
            .Select(state => context.Render<DecisionStateText>(p => p.Add(c => c.State, state)).Find(".status svg").InnerHtml)
            .ToList();

        Assert.Equal(icons.Count, icons.Distinct().Count());
    }

    [Fact]
    public void Progress_is_a_labelled_bar_with_the_count_in_words()
    {
        context.Services.AddMudServices();

        var cut = context.Render<Progress>(p => p.Add(c => c.Label, "Utkast (april)").Add(c => c.Decided, 3).Add(c => c.Overdue, 1).Add(c => c.Total, 4));

        Assert.Equal("Utkast (april): 3 av 4 beslutade, 1 försenad", cut.Find("p").TextContent);
        var bar = cut.Find("[role=progressbar]");
        Assert.Equal(("Utkast (april): 3 av 4 beslutade", "75"), (bar.GetAttribute("aria-label"), bar.GetAttribute("aria-valuenow")));
    }

    [Theory]
    [InlineData(2, 0, "Slutgiltigt beslut (september): 1 av 4 beslutade, 2 försenade")]
    [InlineData(1, 1, "Slutgiltigt beslut (september): 1 av 4 beslutade, 1 försenad (1 ej aktuell: organisationen lades till efter sista dagen)")]
    [InlineData(0, 2, "Slutgiltigt beslut (september): 1 av 4 beslutade (2 ej aktuella: organisationerna lades till efter sista dagen)")]
    public void Progress_says_singular_or_plural_and_why_some_are_left_out(int overdue, int notApplicable, string expected)
    {
        context.Services.AddMudServices();

        var cut = context.Render<Progress>(p => p.Add(c => c.Label, "Slutgiltigt beslut (september)")
            .Add(c => c.Decided, 1).Add(c => c.Overdue, overdue).Add(c => c.Total, 4).Add(c => c.NotApplicable, notApplicable));

        Assert.Equal(expected, cut.Find("p").TextContent);
    }

    [Fact]
    public async Task The_dashboard_shows_an_icon_beside_every_status_word()
    {
        using var client = portal.CreateClient();

        var html = await client.GetPageAsync("/beslutsstatus");

        var statuses = StatusRegex().Matches(html);
        Assert.True(statuses.Count >= 22, $"Expected a status for both decisions of every organisation, found {statuses.Count}.");
        Assert.All(statuses, m => Assert.Contains("<svg", m.Value, StringComparison.Ordinal));
    }

    [GeneratedRegex("<span class=\"status status-[a-z-]+\">.*?</span>\\s*</span>", RegexOptions.Singleline)]
    private static partial Regex StatusRegex();
}
