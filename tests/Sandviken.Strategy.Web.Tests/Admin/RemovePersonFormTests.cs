using Bunit;
using Sandviken.Strategy.Domain.Administration;
using Sandviken.Strategy.Web.Components.Pages.Admin;

namespace Sandviken.Strategy.Web.Tests.Admin;

/// <summary>Ta bort personen on /admin/anvandare: refused until confirmed, then the account shows as removed.</summary>
#pragma warning disable CA1001 // xunit disposes the test class through IAsyncLifetime.DisposeAsync.
public sealed class RemovePersonFormTests : IAsyncLifetime
{
    private AdminPageContext admin = default!;

    public async Task InitializeAsync() => admin = await AdminPageContext.StartAsync();

    public async Task DisposeAsync() => await admin.DisposeAsync();

    [Fact]
    public async Task Removing_a_person_needs_the_confirmation_and_then_names_the_account_Borttagen_anvandare()
    {
        await admin.Service<UserAdminService>().CreateAsync(admin.Admin, new NewUserInput(
            "rut@test.example", "Rut Rensas", "ett första långt lösenord", [Sandviken.Strategy.Domain.Users.Roles.Official], []));
        var page = admin.Bunit.Render<AdminUsers>();
        page.WaitForAssertion(() => page.Find("#ny-epost"));
        await page.FindAll("button").First(b => b.TextContent.Contains("Ändra Rut Rensas", StringComparison.Ordinal)).ClickAsync(new());

        await Button(page, "Ta bort personen").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("Kryssa i rutan för att bekräfta", page.Find("[role='alert']").TextContent, StringComparison.Ordinal));

        var confirm = page.FindAll("label").First(l => l.TextContent.Contains("Ja, ta bort personens uppgifter", StringComparison.Ordinal));
        confirm.QuerySelector("input[type='checkbox']")!.Change(true);
        await Button(page, "Ta bort personen").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("Personens uppgifter är borttagna.", page.Find("[role='status']").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("Rut Rensas", page.Markup, StringComparison.Ordinal);
        Assert.Contains(UserAdminService.RemovedName, page.Markup, StringComparison.Ordinal);
    }

    private static AngleSharp.Dom.IElement Button<T>(IRenderedComponent<T> page, string text)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        page.FindAll("button").First(b => b.TextContent.Trim() == text);
}
