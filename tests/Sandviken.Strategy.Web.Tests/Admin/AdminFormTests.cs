using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Domain.Administration;
using Sandviken.Strategy.Domain.Mail;
using Sandviken.Strategy.Web.Components.Forms;
using Sandviken.Strategy.Web.Components.Pages.Admin;
using Sandviken.Strategy.Web.Tests.Components;

namespace Sandviken.Strategy.Web.Tests.Admin;

/// <summary>
/// The administration forms on the shared form runner: the domain's message for a field appears next to that
/// field (through For=), only in the form that was saved; a second click while a change is on its way does
/// nothing; and focus follows the row editor.
/// </summary>
#pragma warning disable CA1001 // xunit disposes the test class through IAsyncLifetime.DisposeAsync.
public sealed class AdminFormTests : IAsyncLifetime
{
    private AdminPageContext admin = default!;

    public async Task InitializeAsync() => admin = await AdminPageContext.StartAsync();

    public async Task DisposeAsync() => await admin.DisposeAsync();

    [Fact]
    public async Task An_organisation_without_a_name_gets_the_domains_message_next_to_the_name_field()
    {
        var page = Render<AdminOrganisations>("#ny-org-namn");
        var before = (await Organisations.ListAsync(admin.Admin)).Count;

        await page.ClickFreshAsync(() => Button(page, "Lägg till"));

        GoalEditorTests.AssertFieldError(page, page.Find("#ny-org-namn"), "Ange organisationens namn.");
        Assert.StartsWith("Inget har sparats.", page.Find("[role='alert']").TextContent, StringComparison.Ordinal);
        Assert.Equal(before, (await Organisations.ListAsync(admin.Admin)).Count);
    }

    [Fact]
    public async Task A_committee_with_a_parent_company_gets_the_message_next_to_the_parent_choice()
    {
        var page = Render<AdminOrganisations>("#ny-org-namn");
        page.Find("#ny-org-namn").Change("Testnämnden");
        var company = page.FindAll("#ny-org-moder option").First(o => o.GetAttribute("value") is { Length: > 0 });
        page.Find("#ny-org-moder").Change(company.GetAttribute("value"));

        await page.ClickFreshAsync(() => Button(page, "Lägg till"));

        GoalEditorTests.AssertFieldError(page, page.Find("#ny-org-moder"), "Bara ett bolag kan ha ett moderbolag.");
        Assert.NotEqual("true", page.Find("#ny-org-namn").GetAttribute("aria-invalid"));
        Assert.DoesNotContain(await Organisations.ListAsync(admin.Admin), o => o.Name == "Testnämnden");

        // Chosen as a company, it is added; the form is emptied and its messages are gone.
        page.Find("#ny-org-typ").Change("Company");
        await page.ClickFreshAsync(() => Button(page, "Lägg till"));

        page.WaitForAssertion(() => Assert.Contains("Testnämnden är tillagd.", page.Find("[role='status']").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll(".validation-message"));
        Assert.Contains(await Organisations.ListAsync(admin.Admin), o => o.Name == "Testnämnden" && o.ParentId?.ToString(System.Globalization.CultureInfo.InvariantCulture) == company.GetAttribute("value"));
    }

    [Fact]
    public async Task A_new_account_shows_each_message_at_its_own_field_and_group()
    {
        var page = Render<AdminUsers>("#ny-epost");
        page.Find("#ny-epost").Change("inte en adress");
        page.Find("#ny-namn").Change("Nina Ny");
        page.Find("#ny-losenord").Change("ett långt nog lösenord");

        await page.ClickFreshAsync(() => Button(page, "Skapa konto"));

        GoalEditorTests.AssertFieldError(page, page.Find("#ny-epost"), "Ange en giltig e-postadress.");
        Assert.Equal("Välj minst en roll.", page.Find("#ny-roller-fel").TextContent);
        Assert.NotEqual("true", page.Find("#ny-namn").GetAttribute("aria-invalid"));
        Assert.DoesNotContain(await Users.ListAsync(admin.Admin), u => u.DisplayName == "Nina Ny");
    }

    [Fact]
    public async Task An_account_whose_invitation_cannot_be_mailed_is_created_and_the_alert_says_what_to_do_next()
    {
        // E-mail configured, but nothing answers at the SMTP port: a real connection refusal.
        var email = new EmailOptions { Enabled = true, From = "portal@sandviken.test", SmtpHost = "127.0.0.1", SmtpPort = FreePort() };
        await using var mailing = await AdminPageContext.StartAsync((context, services) =>
            services.AddSingleton(new AccountMail(context.Service<UserAdminService>(), new SmtpMailSender(email), email)));
        var users = mailing.Service<UserAdminService>();
        var page = mailing.Bunit.Render<AdminUsers>();
        page.WaitForAssertion(() => page.Find("#ny-epost"));
        Assert.Empty(page.FindAll("#ny-losenord")); // with e-mail, the portal makes the password
        page.Find("#ny-epost").Change("ingen.post@sandviken.test");
        page.Find("#ny-namn").Change("Ingrid Ingenpost");
        var official = Sandviken.Strategy.Domain.Users.Roles.All.ToList().IndexOf(Sandviken.Strategy.Domain.Users.Roles.Official);
        await page.InvokeAsync(() => page.Find("fieldset[aria-describedby='ny-roller-fel']").QuerySelectorAll("input[type='checkbox']")[official].Change(true));

        await page.ClickFreshAsync(() => Button(page, "Skapa konto"));

        page.WaitForAssertion(() => Assert.Equal(
            "Kontot är skapat, men inbjudan kunde inte skickas med e-post. Sätt ett nytt tillfälligt lösenord för kontot när e-posten fungerar igen.",
            page.Find("[role='alert']").TextContent.Trim()));
        Assert.Single(await users.ListAsync(mailing.Admin), u => u.DisplayName == "Ingrid Ingenpost");
        page.WaitForAssertion(() => Assert.Contains("Ingrid Ingenpost", page.Find("table.data").TextContent, StringComparison.Ordinal));
        Assert.Equal("", page.Find("#ny-epost").GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task A_short_temporary_password_is_refused_at_the_row_editors_password_field_only()
    {
        // Not a demo account: their passwords cannot be changed at all.
        await Users.CreateAsync(admin.Admin, new NewUserInput("glomsk@test.example", "Greta Glömsk", "ett första långt lösenord", [Sandviken.Strategy.Domain.Users.Roles.Official], []));
        var page = Render<AdminUsers>("#ny-epost");
        await page.ClickFreshAsync(() => page.FindAll("button").First(b => b.TextContent.Contains("Ändra Greta Glömsk", StringComparison.Ordinal)));
        var field = page.Find("input[id^='user-'][id$='-losenord']");
        field.Change("kort");

        await page.ClickFreshAsync(() => Button(page, "Sätt lösenordet"));

        GoalEditorTests.AssertFieldError(page, page.Find("input[id^='user-'][id$='-losenord']"), "Lösenordet måste ha minst 12 tecken.");
        Assert.NotEqual("true", page.Find("#ny-losenord").GetAttribute("aria-invalid"));
        Assert.NotEqual("true", page.Find("input[id^='user-'][id$='-namn']").GetAttribute("aria-invalid"));
        Assert.StartsWith("Inget har sparats.", page.Find("[role='alert']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_emptied_or_unreadable_deadline_is_named_next_to_its_date_field_and_nothing_is_saved()
    {
        var page = Render<AdminCycles>("#omgang-ar");
        var before = (await Planning.ListCyclesAsync(admin.Admin)).Count;

        page.Find("#omgang-utkast").Change("");
        page.Find("#omgang-slut").Change("30/9/2027");
        await page.ClickFreshAsync(() => Button(page, "Spara"));

        GoalEditorTests.AssertFieldError(page, page.Find("#omgang-utkast"), "Ange sista dag för beslut om utkast.");
        GoalEditorTests.AssertFieldError(page, page.Find("#omgang-slut"), SwedishDate.Message);
        Assert.Equal("30/9/2027", page.Find("#omgang-slut").GetAttribute("value"));
        Assert.Equal(before, (await Planning.ListCyclesAsync(admin.Admin)).Count);
    }

    [Fact]
    public async Task A_second_save_while_the_first_is_on_its_way_saves_once()
    {
        var page = Render<AdminCycles>("#omgang-ar");
        var before = (await Planning.ListCyclesAsync(admin.Admin)).Count;
        var auditedBefore = await AuditCountAsync("PlanningCycle");
        var form = page.Find("form");

        admin.Authentication.Hold();
        var first = form.SubmitAsync();
        page.WaitForAssertion(() => Assert.Equal("Sparar…", Button(page, "Sparar…").TextContent.Trim()));
        Assert.True(Button(page, "Sparar…").HasAttribute("disabled"));
        await page.Find("form").SubmitAsync();
        admin.Authentication.Release();
        await first;

        page.WaitForAssertion(() => Assert.Contains("Budgetår 2027 är sparat.", page.Find("[role='status']").TextContent, StringComparison.Ordinal));
        Assert.Equal(before + 1, (await Planning.ListCyclesAsync(admin.Admin)).Count);
        Assert.Equal(auditedBefore + 1, await AuditCountAsync("PlanningCycle"));
    }

    [Fact]
    public async Task Focus_goes_into_the_row_editor_and_back_to_the_rows_button()
    {
        var page = Render<AdminOrganisations>("#ny-org-namn");
        var edit = page.FindAll("button[id^='andra-org-']")[0];
        var id = edit.Id!["andra-org-".Length..];

        await edit.ClickAsync(new());
        page.WaitForAssertion(() => Assert.Equal([$"org-{id}-namn"], LastFocus()));
        await page.ClickFreshAsync(() => Button(page, "Avbryt"));

        page.WaitForAssertion(() => Assert.Equal([$"andra-org-{id}"], LastFocus()));
        Assert.Empty(page.FindAll($"#org-{id}-namn"));
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private OrganisationAdminService Organisations => admin.Service<OrganisationAdminService>();

    private UserAdminService Users => admin.Service<UserAdminService>();

    private PlanningAdminService Planning => admin.Service<PlanningAdminService>();

    private IRenderedComponent<T> Render<T>(string loaded)
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        var page = admin.Bunit.Render<T>();
        page.WaitForAssertion(() => page.Find(loaded));
        return page;
    }

    private static AngleSharp.Dom.IElement Button<T>(IRenderedComponent<T> page, string text)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        page.FindAll("button").First(b => b.TextContent.Trim() == text);

    private string[] LastFocus() =>
        (string[])admin.Bunit.JSInterop.Invocations.Last(i => i.Identifier == "portal.focusFirst").Arguments[0]!;

    private async Task<int> AuditCountAsync(string entity)
    {
        await using var db = await admin.Service<Microsoft.EntityFrameworkCore.IDbContextFactory<Sandviken.Strategy.Domain.Data.StrategyDbContext>>().CreateDbContextAsync();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.AuditEntries, a => a.Entity == entity);
    }
}
