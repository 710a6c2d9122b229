using Microsoft.Playwright;
using Sandviken.Strategy.Browser.Tests.Infrastructure;

namespace Sandviken.Strategy.Browser.Tests.Admin;

/// <summary>An administrator adds an organisation and a secretary for it and adds the next planning cycle.</summary>
public sealed class AdministratorJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Administrator_adds_an_organisation_and_its_secretary_who_can_then_sign_in()
    {
        var page = await browser.NewPageAsync();
        await SignIn.AsAsync(page, "admin@sandviken.example");
        await page.GetByRole(AriaRole.Link, new() { Name = "Administration" }).ClickAsync();
        await page.WaitForURLAsync("**/admin");
        await SignIn.WaitForInteractivityAsync(page);
        await Accessibility.AssertNoViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Hantera nämnder och bolag" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/organisationer");
        await SignIn.WaitForInteractivityAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Lägg till", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText("Ange organisationens namn.", new() { Exact = true })).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page);
        await page.Locator("#ny-org-namn").FillAsync("Miljö- och hälsoskyddsnämnden");
        await page.Locator("#ny-org-namn").PressAsync("Tab");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lägg till", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Miljö- och hälsoskyddsnämnden är tillagd.");

        await page.GotoAsync("/admin/anvandare");
        await SignIn.WaitForInteractivityAsync(page);
        await page.Locator("#ny-epost").FillAsync("miljo.sekreterare@sandviken.example");
        await page.Locator("#ny-namn").FillAsync("Mia Miljö");
        await page.Locator("#ny-losenord").FillAsync("ett nytt långt lösenord");
        await page.Locator("#ny-losenord").PressAsync("Tab");
        var access = page.Locator(".access-fields").Last;
        await access.GetByRole(AriaRole.Checkbox, new() { Name = "Sekreterare", Exact = true }).CheckAsync();
        await access.GetByRole(AriaRole.Checkbox, new() { Name = "Miljö- och hälsoskyddsnämnden" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Skapa konto" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Kontot för miljo.sekreterare@sandviken.example är skapat.");
        await Accessibility.AssertNoViolationsAsync(page);

        // The secretary says they never got the password: the administrator sets another temporary one.
        await page.GetByRole(AriaRole.Button, new() { Name = "Ändra Mia Miljö" }).ClickAsync();
        var passwordField = page.GetByLabel("Tillfälligt lösenord").First;
        await passwordField.FillAsync("kort");
        await passwordField.PressAsync("Tab");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sätt lösenordet" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Lösenordet måste ha minst 12 tecken.").First).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page);
        await passwordField.FillAsync("ett annat tillfälligt lösenord");
        await passwordField.PressAsync("Tab");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sätt lösenordet" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Mia Miljö har fått ett nytt tillfälligt lösenord.");

        var secretary = await browser.NewPageAsync();
        await secretary.GotoAsync("/konto/logga-in");
        await secretary.GetByLabel("E-postadress").FillAsync("miljo.sekreterare@sandviken.example");
        await secretary.GetByLabel("Lösenord").FillAsync("ett annat tillfälligt lösenord");
        await secretary.GetByRole(AriaRole.Button, new() { Name = "Logga in" }).ClickAsync();
        await secretary.WaitForURLAsync("**/arbetsyta");
        await Assertions.Expect(secretary.Locator("h2").Filter(new() { HasText = "Miljö- och hälsoskyddsnämnden" })).ToBeVisibleAsync();

        // The new secretary replaces the temporary password, after a typing mistake.
        await secretary.GetByRole(AriaRole.Link, new() { Name = "Byt lösenord" }).ClickAsync();
        await secretary.WaitForURLAsync("**/konto/byt-losenord");
        await secretary.GetByLabel("Nuvarande lösenord").FillAsync("ett annat tillfälligt lösenord");
        await secretary.GetByLabel("Nytt lösenord (minst 12 tecken)").FillAsync("mias egna hemliga fras");
        await secretary.GetByLabel("Upprepa det nya lösenordet").FillAsync("mias egna hemliga fraz");
        await secretary.GetByRole(AriaRole.Button, new() { Name = "Byt lösenord" }).ClickAsync();
        // Next to the field (the refusal above the form repeats it after its first words).
        await Assertions.Expect(secretary.GetByText("Lösenorden är inte likadana. Skriv det nya lösenordet två gånger.", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(secretary.GetByLabel("Upprepa det nya lösenordet")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(secretary.Locator("[role='alert'].form-error")).ToBeFocusedAsync();
        await Accessibility.AssertNoViolationsAsync(secretary);
        await secretary.GetByLabel("Nuvarande lösenord").FillAsync("ett annat tillfälligt lösenord");
        await secretary.GetByLabel("Nytt lösenord (minst 12 tecken)").FillAsync("mias egna hemliga fras");
        await secretary.GetByLabel("Upprepa det nya lösenordet").FillAsync("mias egna hemliga fras");
        await secretary.GetByRole(AriaRole.Button, new() { Name = "Byt lösenord" }).ClickAsync();
        await Assertions.Expect(secretary.GetByRole(AriaRole.Status)).ToContainTextAsync("Lösenordet är bytt.");
        await Assertions.Expect(secretary.GetByRole(AriaRole.Status)).ToBeFocusedAsync();
        await secretary.GetByRole(AriaRole.Link, new() { Name = "Till arbetsytan" }).ClickAsync();
        await Assertions.Expect(secretary.Locator("h2").Filter(new() { HasText = "Miljö- och hälsoskyddsnämnden" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Administrator_pages_for_cycles_and_periods_have_no_accessibility_violations()
    {
        var page = await browser.NewPageAsync();
        await SignIn.AsAsync(page, "admin@sandviken.example");

        foreach (var url in new[] { "/admin/planeringsomgangar", "/admin/mandatperioder" })
        {
            await page.GotoAsync(url);
            await SignIn.WaitForInteractivityAsync(page);
            await Accessibility.AssertNoViolationsAsync(page);
        }

        // The next budget year is proposed with April and September deadlines of the year before.
        await page.GotoAsync("/admin/planeringsomgangar");
        await SignIn.WaitForInteractivityAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Budgetår 2027 är sparat.");
        await Assertions.Expect(page.Locator("table.data tbody tr").First).ToContainTextAsync("30 april 2026");
    }

    [Fact]
    public async Task Keyboard_focus_goes_into_the_row_being_edited_and_back_to_its_button()
    {
        var page = await browser.NewPageAsync();
        await SignIn.AsAsync(page, "admin@sandviken.example");
        await page.GotoAsync("/admin/anvandare");
        await SignIn.WaitForInteractivityAsync(page);
        var edit = page.GetByRole(AriaRole.Button, new() { Name = "Ändra Per Politiker" });
        var buttonId = await edit.GetAttributeAsync("id");
        var userId = buttonId!["andra-user-".Length..];

        await edit.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("id => document.activeElement?.id === id", $"user-{userId}-namn");
        await Assertions.Expect(page.GetByText("Ändrar kontot politiker@sandviken.example")).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Avbryt", Exact = true }).ClickAsync();

        await page.WaitForFunctionAsync("id => document.activeElement?.id === id", buttonId);
    }

    [Fact]
    public async Task Keyboard_focus_stays_in_place_when_an_area_is_edited_or_the_edit_cancelled()
    {
        var page = await browser.NewPageAsync();
        await SignIn.AsAsync(page, "admin@sandviken.example");
        await page.GotoAsync("/admin/mandatperioder");
        await SignIn.WaitForInteractivityAsync(page);
        var edit = page.GetByRole(AriaRole.Button, new() { Name = "Ändra Växa för framtiden" });
        var buttonId = await edit.GetAttributeAsync("id");
        var areaId = buttonId!["andra-omrade-".Length..];

        await edit.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("id => document.activeElement?.id === id", $"omrade-{areaId}-rubrik");
        await page.GetByRole(AriaRole.Button, new() { Name = "Avbryt", Exact = true }).ClickAsync();

        await page.WaitForFunctionAsync("id => document.activeElement?.id === id", buttonId);
    }

    [Fact]
    public async Task On_a_phone_the_account_editor_fits_the_screen_and_the_page_does_not_scroll_sideways()
    {
        var page = await browser.NewPageAsync(width: 375);
        await SignIn.AsAsync(page, "admin@sandviken.example");
        await page.GotoAsync("/admin/anvandare");
        await SignIn.WaitForInteractivityAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Ändra Per Politiker" }).ClickAsync();
        var name = page.GetByLabel("Namn").First;
        await Assertions.Expect(name).ToBeFocusedAsync();

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        foreach (var control in new[] { name, page.GetByRole(AriaRole.Button, new() { Name = "Spara", Exact = true }), page.GetByRole(AriaRole.Button, new() { Name = "Sätt lösenordet" }) })
        {
            var box = await control.BoundingBoxAsync();
            Assert.True(box is { X: >= 0 } && box.X + box.Width <= 375, $"A control of the account editor lies outside the screen: {box?.X}..{box?.X + box?.Width}.");
        }

        await Accessibility.AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task A_secretary_is_not_let_into_the_administration()
    {
        var page = await browser.NewPageAsync();
        await SignIn.AsAsync(page, "sekreterare.omsorg@sandviken.example");

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Administration" })).ToHaveCountAsync(0);
        await page.GotoAsync("/admin/anvandare");

        Assert.DoesNotContain("/admin", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Ingen behörighet");
        await Assertions.Expect(page.GetByText("miljo.sekreterare")).ToHaveCountAsync(0);
        await Accessibility.AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task Administrator_reopens_a_fastställd_plan_with_a_reason()
    {
        var page = await browser.NewPageAsync();
        await SignIn.AsAsync(page, "admin@sandviken.example");
        await page.GetByRole(AriaRole.Link, new() { Name = "Strategiska mål 2025" }).First.ClickAsync();
        await page.WaitForURLAsync("**/arbetsyta/planer/*");
        await SignIn.WaitForInteractivityAsync(page);
        await Assertions.Expect(page.GetByTestId("plan-status")).ToHaveTextAsync("Fastställd");

        await page.GetByRole(AriaRole.Button, new() { Name = "Öppna för revidering" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Skriv varför planen öppnas, med minst 10 tecken.", new() { Exact = true })).ToBeVisibleAsync();
        await page.GetByLabel("Motivering").FillAsync("Styrelsen ändrade ägardirektivet i oktober.");
        await page.GetByLabel("Motivering").PressAsync("Tab");
        await page.GetByRole(AriaRole.Button, new() { Name = "Öppna för revidering" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("plan-status")).ToHaveTextAsync("Revidering");
        await Assertions.Expect(page.GetByTestId("history")).ToContainTextAsync("Öppnade planen för revidering");
        await Assertions.Expect(page.GetByTestId("decision-form")).ToContainTextAsync("Registrera slutgiltigt beslut");
        await Accessibility.AssertNoViolationsAsync(page);
    }
}
