using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Domain;
using Sandviken.Strategy.Domain.Administration;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Public;

/// <summary>
/// Issue 7, part 5: the start page, the area pages and the dashboard show the same budget year and the same counts,
/// also once an administrator adds the next year's planning cycle before its mandate period has areas.
/// </summary>
public sealed partial class ShownYearTests
{
    private const string Area = "vaxa-for-framtiden";
    private const string AreaTitle = "Växa för framtiden";

    [Fact]
    public async Task With_the_demo_data_all_three_pages_show_2026_and_the_same_goal_count()
    {
        using var portal = new PortalFactory();

        var shown = await ShownAsync(portal);

        Assert.Equal((2026, 2026, 2026), (shown.StartYear, shown.AreaYear, shown.DashboardYear));
        Assert.True(shown.StartGoals > 0);
        Assert.Equal((shown.StartGoals, shown.StartGoals), (shown.AreaGoals, shown.DashboardGoals));
    }

    [Fact]
    public async Task Adding_next_years_cycle_before_its_period_has_areas_moves_no_page_to_that_year()
    {
        using var portal = new PortalFactory();
        var before = await ShownAsync(portal);

        // What the administration proposes for the next year: deadlines in April and September of 2026, both passed.
        await AsAdministratorAsync(portal, (planning, admin) => planning.SaveCycleAsync(admin, new CycleInput(2027, new(2026, 4, 30), new(2026, 9, 30))));
        var after = await ShownAsync(portal);

        Assert.Equal(before, after);
        var start = await portal.CreateClient().GetPageAsync("/");
        HtmlAssert.ContainsText("Beslut för budgetår 2026", start);
        HtmlAssert.ContainsText("1 utkast och 4 slutliga beslut är försenade.", start);
    }

    [Fact]
    public async Task Once_the_next_period_has_its_areas_all_three_pages_move_to_the_new_year_together()
    {
        using var portal = new PortalFactory();
        await AsAdministratorAsync(portal, async (planning, admin) =>
        {
            await planning.SaveCycleAsync(admin, new CycleInput(2027, new(2026, 12, 1), new(2026, 12, 15)));
            var period = await planning.AddPeriodAsync(admin, new PeriodInput("2027–2030", 2027, 2030, new(2026, 11, 20), "Kommunfullmäktige"));
            await planning.AddAreaAsync(admin, period, new AreaInput(AreaTitle, "Sandviken växer.", null));
        });

        var shown = await ShownAsync(portal);

        Assert.Equal((2027, 2027, 2027), (shown.StartYear, shown.AreaYear, shown.DashboardYear));
        Assert.Equal((0, 0, 0), (shown.StartGoals, shown.AreaGoals, shown.DashboardGoals));
    }

    private static async Task AsAdministratorAsync(PortalFactory portal, Func<PlanningAdminService, System.Security.Claims.ClaimsPrincipal, Task> act)
    {
        using var scope = portal.Services.CreateScope();
        var admin = await Browserless.PrincipalOfAsync(scope, "admin@sandviken.example");
        await act(scope.ServiceProvider.GetRequiredService<PlanningAdminService>(), admin);
    }

    /// <summary>The year and the area's goal count as the start page, the area page and the dashboard show them.</summary>
    private static async Task<Shown> ShownAsync(PortalFactory portal)
    {
        using var client = portal.CreateClient();
        var start = HtmlAssert.Text(await client.GetPageAsync("/"));
        var area = HtmlAssert.Text(await client.GetPageAsync($"/omraden/{Area}"));
        var dashboard = HtmlAssert.Text(await client.GetPageAsync("/beslutsstatus"));

        var card = Regex.Match(start, $@"{AreaTitle}.*?(\d+) mål kopplade till området");
        return new Shown(
            Year(start, @"Beslut för budgetår (\d{4})"),
            Year(area, @"Nämndernas och bolagens mål för budgetår (\d{4})"),
            Year(dashboard, @"Beslutsstatus för budgetår (\d{4})"),
            int.Parse(card.Groups[1].Value, Swedish.Culture),
            Year(area, @"(\d+) mål från \d+ nämnder och bolag är kopplade till området", allowAnyNumber: true),
            int.Parse(TraffbildTotal().Matches(dashboard)[^1].Groups[1].Value, Swedish.Culture));
    }

    private static int Year(string text, string pattern, bool allowAnyNumber = false)
    {
        var match = Regex.Match(text, pattern);
        Assert.True(match.Success, $"”{pattern}” not found in: {text}");
        var value = int.Parse(match.Groups[1].Value, Swedish.Culture);
        Assert.True(allowAnyNumber || value > 2000);
        return value;
    }

    // The träffbild's totals row, the page's last table: its first area is Växa för framtiden.
    [GeneratedRegex(@"Totalt (\d+)")]
    private static partial Regex TraffbildTotal();

    private sealed record Shown(int StartYear, int AreaYear, int DashboardYear, int StartGoals, int AreaGoals, int DashboardGoals);
}
