using Bunit;
using Sandviken.Strategy.Domain.Administration;
using Sandviken.Strategy.Web.Components.Pages.Admin;
using Sandviken.Strategy.Web.Tests.Components;

namespace Sandviken.Strategy.Web.Tests.Admin;

/// <summary>
/// An administration form opened before someone else saved the same thing says so in Swedish at the top of the page
/// and overwrites nothing (issue 9, item 7; ADR 0032): the form sends the token it was opened with.
/// </summary>
#pragma warning disable CA1001 // xunit disposes the test class through IAsyncLifetime.DisposeAsync.
public sealed class StaleAdminFormTests : IAsyncLifetime
{
    private const string Reload = "sedan du öppnade formuläret. Inget har sparats: ladda om sidan och gör om ändringen.";

    private AdminPageContext admin = default!;

    public async Task InitializeAsync() => admin = await AdminPageContext.StartAsync();

    public async Task DisposeAsync() => await admin.DisposeAsync();

    [Fact]
    public async Task A_name_change_in_an_editor_opened_before_a_deactivation_is_refused_and_the_account_stays_inactive()
    {
        var id = await Users.CreateAsync(admin.Admin, new NewUserInput("stina@test.example", "Stina Stale", "ett första långt lösenord", [Sandviken.Strategy.Domain.Users.Roles.Official], []));
        var page = Render<AdminUsers>("#ny-epost");
        await page.ClickFreshAsync(() => page.FindAll("button").First(b => b.TextContent.Contains("Ändra Stina Stale", StringComparison.Ordinal)));
        page.Find("input[id^='user-'][id$='-namn']").Change("Stina Sparad");

        // Meanwhile another administrator deactivates the account.
        var row = (await Users.ListAsync(admin.Admin)).Single(u => u.Id == id);
        await Users.UpdateAsync(admin.Admin, id, row.ConcurrencyToken, new UserInput(row.DisplayName, false, row.Roles, row.OrganisationIds));
        await page.ClickFreshAsync(() => Button(page, "Spara"));

        page.WaitForAssertion(() => Assert.Equal($"Någon annan har ändrat kontot {Reload}", page.Find("[role='alert']").TextContent.Trim()));
        var now = (await Users.ListAsync(admin.Admin)).Single(u => u.Id == id);
        Assert.Equal(("Stina Stale", false), (now.DisplayName, now.IsActive));
    }

    [Fact]
    public async Task A_budget_year_someone_else_added_after_the_page_was_read_is_not_overwritten()
    {
        var page = Render<AdminCycles>("#omgang-ar");
        var year = int.Parse(page.Find("#omgang-ar").GetAttribute("value")!, System.Globalization.CultureInfo.InvariantCulture);
        await Planning.SaveCycleAsync(admin.Admin, new CycleInput(year, new(year - 1, 3, 31), new(year - 1, 8, 31)), null);

        await page.ClickFreshAsync(() => Button(page, "Spara"));

        page.WaitForAssertion(() => Assert.Equal($"Någon annan har sparat planeringsomgången för budgetår {year} {Reload}", page.Find("[role='alert']").TextContent.Trim()));
        Assert.Equal(new DateOnly(year - 1, 3, 31), (await Planning.ListCyclesAsync(admin.Admin)).Single(c => c.BudgetYear == year).DraftDeadline);
    }

    private UserAdminService Users => admin.Service<UserAdminService>();

    private PlanningAdminService Planning => admin.Service<PlanningAdminService>();

    private static AngleSharp.Dom.IElement Button<T>(IRenderedComponent<T> page, string text)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        page.FindAll("button").First(b => b.TextContent.Trim() == text);

    private IRenderedComponent<T> Render<T>(string loaded)
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        var page = admin.Bunit.Render<T>();
        page.WaitForAssertion(() => page.Find(loaded));
        return page;
    }
}
