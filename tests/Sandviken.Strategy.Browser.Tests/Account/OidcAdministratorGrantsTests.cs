using Microsoft.Playwright;
using Sandviken.Strategy.Browser.Tests.Infrastructure;
using Sandviken.Strategy.OidcServer;

namespace Sandviken.Strategy.Browser.Tests.Account;

/// <summary>
/// Without a group table (ADR 0040): a new person waits, the administrators are told by e-mail, an administrator sees them
/// and grants a role, and they get in.
/// </summary>
public sealed class OidcAdministratorGrantsTests(OidcAdministratorGrantsFixture browser) : IClassFixture<OidcAdministratorGrantsFixture>
{
    [Fact]
    public async Task New_person_waits_for_access_until_an_administrator_grants_a_role_then_gets_in()
    {
        browser.Provider.User = new TestUser("9b2f-ny-tjansteperson", "tina.tjanst@sandviken.example", "Tina Tjänst", []);
        var person = await browser.NewPageAsync();
        await OidcFixture.SignInAtProviderAsync(person);
        await person.WaitForURLAsync("**/konto/vantar-pa-behorighet", new() { Timeout = 60_000 });
        await Assertions.Expect(person.Locator("#vantar-pa-behorighet")).ToContainTextAsync("Administratörerna har fått ett meddelande om att du väntar.");
        var refused = await person.GotoAsync("/arbetsyta");
        Assert.Equal(403, refused!.Status);

        // The administrators learn of it by e-mail, with the way to the users page.
        var notice = await browser.MessageAsync("Väntar på behörighet: Tina Tjänst");
        Assert.True(notice.HasValue, "No e-mail told the administrators that Tina Tjänst waits for access.");
        Assert.Contains("admin@sandviken.example", notice.Value.To);
        Assert.Contains("Tina Tjänst (tina.tjanst@sandviken.example)", notice.Value.Message.TextBody, StringComparison.Ordinal);
        Assert.Contains("/admin/anvandare", notice.Value.Message.TextBody, StringComparison.Ordinal);

        // The administrator (a local demo account) sees the person waiting and gives them the official's role.
        var admin = await browser.NewPageAsync();
        await SignIn.AsAsync(admin, "admin@sandviken.example");
        await admin.GotoAsync("/admin/anvandare");
        await SignIn.WaitForInteractivityAsync(admin);
        var row = admin.Locator("tr").Filter(new() { HasText = "tina.tjanst@sandviken.example" });
        await Assertions.Expect(row).ToContainTextAsync("Väntar på behörighet");
        await Accessibility.AssertNoViolationsAsync(admin);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Ändra Tina Tjänst", Exact = true }).ClickAsync();
        await admin.Locator(".row-editor").GetByRole(AriaRole.Checkbox, new() { Name = "Tjänsteperson", Exact = true }).CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Spara", Exact = true }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Kontot är sparat.");
        await Assertions.Expect(row).Not.ToContainTextAsync("Väntar på behörighet");
        await Assertions.Expect(row).ToContainTextAsync("Tjänsteperson");

        // The new role ended the waiting session (a new security stamp); signing in again at the provider opens the workspace.
        await OidcFixture.SignInAtProviderAsync(person);
        await person.WaitForURLAsync("**/arbetsyta", new() { Timeout = 60_000 });
        await SignIn.WaitForInteractivityAsync(person);
        await Assertions.Expect(person.Locator("h1")).ToBeVisibleAsync();
        var plan = await browser.PlanIdAsync("kunskapsnamnden", 2026);
        var response = await person.GotoAsync($"/arbetsyta/planer/{plan}");
        Assert.Equal(200, response!.Status);
        await Assertions.Expect(person.Locator("h1")).ToContainTextAsync("Kunskapsnämnden");
    }
}
