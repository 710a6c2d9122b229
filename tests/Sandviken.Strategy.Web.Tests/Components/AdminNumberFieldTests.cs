using System.Security.Claims;
using Bunit;
using Sandviken.Strategy.Domain.Administration;
using Sandviken.Strategy.Web.Components.Pages.Admin;
using Sandviken.Strategy.Web.Components.Shared;
using Sandviken.Strategy.Web.Tests.Admin;

namespace Sandviken.Strategy.Web.Tests.Components;

/// <summary>
/// The administration pages with number fields, rendered with bUnit against the real services and a real seeded
/// SQLite database: a value typed the Swedish way is stored, and one that cannot be read is refused in Swedish
/// without touching what is stored.
/// </summary>
#pragma warning disable CA1001 // xunit disposes the test class through IAsyncLifetime.DisposeAsync.
public sealed class AdminNumberFieldTests : IAsyncLifetime
{
    private AdminPageContext context = default!;
    private ClaimsPrincipal admin = new();

    public async Task InitializeAsync()
    {
        context = await AdminPageContext.StartAsync();
        admin = context.Admin;
    }

    public async Task DisposeAsync() => await context.DisposeAsync();

    [Fact]
    public async Task An_ambition_target_typed_with_a_space_is_stored_and_shown_the_Swedish_way()
    {
        var page = await OpenAmbitionAsync();
        var value = page.Find("input[id^='malbild-'][id$='-value']");
        Assert.Equal("50\u00A0000", value.GetAttribute("value"));

        value.Change("52 500,5");
        await SaveAmbitionAsync(page);

        page.WaitForAssertion(() => Assert.Contains("Målbilden 50 000 invånare är sparad.", page.Find("[role='status']").TextContent, StringComparison.Ordinal));
        Assert.Equal(52500.5m, await StoredTargetAsync());
        Assert.Contains("målvärde 52\u00A0500,5 invånare", page.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("50 000 invånare")]
    [InlineData("abc")]
    [InlineData("50.000,5")]
    public async Task A_target_that_cannot_be_read_gets_a_Swedish_message_and_the_stored_target_stays(string typed)
    {
        var page = await OpenAmbitionAsync();

        page.Find("input[id^='malbild-'][id$='-value']").Change(typed);
        page.Find("input[id^='malbild-'][id$='-year']").Change("2030");
        await SaveAmbitionAsync(page);

        var value = page.Find("input[id^='malbild-'][id$='-value']");
        Assert.Equal(typed, value.GetAttribute("value"));
        GoalEditorTests.AssertFieldError(page, value, SwedishNumber.DecimalMessage);
        Assert.Contains("Inget har sparats.", page.Find("[role='alert']").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Not a valid", page.Markup, StringComparison.Ordinal);
        Assert.Equal(50000m, await StoredTargetAsync());
        Assert.Null(await StoredTargetYearAsync());
    }

    [Fact]
    public async Task An_emptied_target_means_no_target_value()
    {
        var page = await OpenAmbitionAsync();

        page.Find("input[id^='malbild-'][id$='-value']").Change("");
        await SaveAmbitionAsync(page);

        page.WaitForAssertion(() => Assert.Contains("är sparad", page.Find("[role='status']").TextContent, StringComparison.Ordinal));
        Assert.Null(await StoredTargetAsync());
    }

    [Fact]
    public async Task A_budget_year_that_cannot_be_read_gets_a_Swedish_message_and_is_not_reset_to_0()
    {
        var page = context.Bunit.Render<AdminCycles>();
        page.WaitForAssertion(() => page.Find("#omgang-ar"));
        var cyclesBefore = (await Service.ListCyclesAsync(admin)).Count;

        page.Find("#omgang-ar").Change("abc");
        await page.ClickFreshAsync(() => page.FindAll("button").First(b => b.TextContent.Trim() == "Spara"));

        var year = page.Find("#omgang-ar");
        Assert.Equal("abc", year.GetAttribute("value"));
        GoalEditorTests.AssertFieldError(page, year, SwedishNumber.YearMessage);
        Assert.Contains("Inget har sparats.", page.Find("[role='alert']").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Not a valid", page.Markup, StringComparison.Ordinal);
        Assert.Equal(cyclesBefore, (await Service.ListCyclesAsync(admin)).Count);
    }

    private PlanningAdminService Service => context.Service<PlanningAdminService>();

    private async Task<IRenderedComponent<AdminPeriods>> OpenAmbitionAsync()
    {
        var page = context.Bunit.Render<AdminPeriods>();
        page.WaitForAssertion(() => Assert.Contains("Målbild: 50 000 invånare", page.Markup, StringComparison.Ordinal));
        await page.ClickFreshAsync(() => page.FindAll("button").First(b => b.TextContent.Contains("målbilden 50 000 invånare", StringComparison.Ordinal)));
        return page;
    }

    private static async Task SaveAmbitionAsync(IRenderedComponent<AdminPeriods> page) =>
        await page.ClickFreshAsync(() => page.FindAll("button").First(b => b.TextContent.Trim() == "Spara målbild"));

    private async Task<AmbitionRow> StoredAmbitionAsync() =>
        (await Service.ListPeriodsAsync(admin)).SelectMany(p => p.Areas).SelectMany(a => a.Ambitions).Single(a => a.Text == "50 000 invånare");

    private async Task<decimal?> StoredTargetAsync() => (await StoredAmbitionAsync()).TargetValue;

    private async Task<int?> StoredTargetYearAsync() => (await StoredAmbitionAsync()).TargetYear;
}
