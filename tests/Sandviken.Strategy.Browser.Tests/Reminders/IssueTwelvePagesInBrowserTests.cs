using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sandviken.Strategy.Browser.Tests.Infrastructure;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Plans;
using Sandviken.Strategy.Domain.Reminders;

namespace Sandviken.Strategy.Browser.Tests.Reminders;

/// <summary>
/// Issue 12's pages in Chromium (WCAG 2.1 AA): Att åtgärda, the workspace's stale indicators, the reminder setting and
/// removing a person, with axe and the keyboard. What a list must show is read from the domain's own reader.
/// </summary>
public sealed class IssueTwelvePagesInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string OmsorgIndicator = "Andel brukare med genomförandeplan (webbläsartest)";
    private const string EnergiIndicator = "Andel förnybar fjärrvärme (webbläsartest)";

    [Fact]
    public async Task Att_atgarda_is_reached_by_keyboard_from_admin_and_its_table_states_each_reason_in_words()
    {
        await AddStaleIndicatorsAsync();
        var page = await browser.NewPageAsync();
        await SignIn.AsAsync(page, "admin@sandviken.example");
        await page.GotoAsync("/admin");
        await SignIn.WaitForInteractivityAsync(page);

        // Tab from the top of the page until the link has focus (bounded: the page has far fewer stops), then Enter.
        var reached = false;
        for (var i = 0; i < 60 && !reached; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached = await page.EvaluateAsync<bool>("() => document.activeElement?.getAttribute('href') === '/admin/att-atgarda'");
        }

        Assert.True(reached, "Tab never reached the link Att åtgärda on /admin.");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/admin/att-atgarda");
        await SignIn.WaitForInteractivityAsync(page);
        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Att åtgärda – "));
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Att åtgärda");

        var expected = await ReadStaleAsync("admin@sandviken.example", (reader, user) => reader.ReadForAdministratorAsync(user));
        Assert.Contains(expected, s => s.Name == OmsorgIndicator);
        Assert.Contains(expected, s => s.Name == EnergiIndicator);
        var table = page.GetByTestId("stale-table");
        await Assertions.Expect(table.Locator("caption")).ToHaveTextAsync("Indikatorer och målbilder att åtgärda");
        await Assertions.Expect(table.Locator("thead th[scope='col']")).ToHaveTextAsync(["Nämnd, bolag eller område", "Indikator eller målbild", "Mål eller område", "Varför"]);
        await Assertions.Expect(table.Locator("tbody tr")).ToHaveCountAsync(expected.Count);

        // Each row is named by its row header and says why in words in the last column, never by colour alone.
        var rows = await table.Locator("tbody tr").EvaluateAllAsync<string[][]>(
            "rows => rows.map(r => [r.querySelector('th[scope=row]')?.innerText.trim() ?? '', r.lastElementChild.innerText.trim()])");
        Assert.Equal(expected.Select(s => s.Name), rows.Select(r => r[0]));
        Assert.Equal(expected.Select(s => Capitalised(s.ReasonText)), rows.Select(r => r[1]));
        Assert.All(rows, r => Assert.False(string.IsNullOrWhiteSpace(r[1])));
        await Accessibility.AssertNoViolationsAsync(page);

        // On a phone the table scrolls sideways inside its box, which portal.js then makes a focusable region.
        await page.SetViewportSizeAsync(375, 800);
        await page.WaitForFunctionAsync(ScrollBoxesSettled);
        await Accessibility.AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task The_workspace_lists_only_the_secretarys_own_stale_indicators_and_has_no_accessibility_violations()
    {
        await AddStaleIndicatorsAsync();
        var page = await browser.NewPageAsync();
        await SignIn.AsAsync(page, "sekreterare.omsorg@sandviken.example");

        var section = page.GetByRole(AriaRole.Region, new() { Name = "Indikatorer att uppdatera" });
        await Assertions.Expect(section).ToBeVisibleAsync();
        var expected = await ReadStaleAsync("sekreterare.omsorg@sandviken.example", (reader, user) => reader.ReadForWorkspaceAsync(user));
        Assert.Contains(expected, s => s.Name == OmsorgIndicator);
        Assert.DoesNotContain(expected, s => s.Name == EnergiIndicator);
        var rowHeaders = section.Locator("tbody th[scope='row']");
        await Assertions.Expect(rowHeaders).ToHaveTextAsync(expected.Select(s => s.Name).ToArray());
        await Assertions.Expect(section.GetByText(EnergiIndicator)).ToHaveCountAsync(0);
        await Assertions.Expect(section.Locator("caption")).ToHaveTextAsync("Era indikatorer som behöver nya värden");
        await Accessibility.AssertNoViolationsAsync(page);

        await page.SetViewportSizeAsync(375, 800);
        await page.WaitForFunctionAsync(ScrollBoxesSettled);
        await Accessibility.AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task Reminders_are_switched_off_and_on_again_by_keyboard_from_the_header_link()
    {
        const string Email = "sekreterare.kunskap@sandviken.example";
        var page = await browser.NewPageAsync();
        await SignIn.AsAsync(page, Email);
        var link = page.GetByRole(AriaRole.Link, new() { Name = "Påminnelser", Exact = true });
        await link.FocusAsync();
        await Assertions.Expect(link).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        // The page is static (outside the circuit): the circuit's router answers the link with a full load, two round
        // trips on a busy machine, so the wait is as generous as the sign-in's.
        await page.WaitForURLAsync("**/konto/paminnelser", new() { Timeout = 60_000 });
        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Påminnelser per e-post – "));
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Påminnelser per e-post");
        var box = page.GetByRole(AriaRole.Checkbox, new() { Name = "Skicka påminnelser och meddelanden om försenade beslut till mig" });
        var save = page.GetByRole(AriaRole.Button, new() { Name = "Spara", Exact = true });
        await Assertions.Expect(box).ToBeCheckedAsync();
        await Accessibility.AssertNoViolationsAsync(page);

        await box.FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(box).Not.ToBeCheckedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(save).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Du får inga påminnelser per e-post." })).ToBeVisibleAsync();
        // The new page focuses the message, so that a screen reader reads it out (the page has no circuit to move focus).
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Du får inga påminnelser per e-post." })).ToBeFocusedAsync();
        await Assertions.Expect(box).Not.ToBeCheckedAsync();
        Assert.True(await RemindersOffAsync(Email));
        await Accessibility.AssertNoViolationsAsync(page);

        await box.FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(box).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(save).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Du får påminnelser per e-post." })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Du får påminnelser per e-post." })).ToBeFocusedAsync();
        await Assertions.Expect(box).ToBeCheckedAsync();
        Assert.False(await RemindersOffAsync(Email));
    }

    [Fact]
    public async Task A_person_is_removed_by_keyboard_after_confirming_and_the_row_then_shows_Borttagen_anvandare()
    {
        var page = await browser.NewPageAsync();
        await SignIn.AsAsync(page, "admin@sandviken.example");
        await page.GotoAsync("/admin/anvandare");
        await SignIn.WaitForInteractivityAsync(page);
        var edit = page.GetByRole(AriaRole.Button, new() { Name = "Ändra Per Politiker" });
        var userId = (await edit.GetAttributeAsync("id"))!["andra-user-".Length..];
        await edit.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("id => document.activeElement?.id === id", $"user-{userId}-namn");
        await Accessibility.AssertNoViolationsAsync(page);

        // Without the confirmation the removal is refused: the refusal is an alert, and focus goes to it (ADR 0029).
        var remove = page.GetByRole(AriaRole.Button, new() { Name = "Ta bort personen", Exact = true });
        await remove.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var refusal = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Kryssa i rutan för att bekräfta" });
        await Assertions.Expect(refusal).ToBeVisibleAsync();
        await Assertions.Expect(refusal).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Ändra Per Politiker" })).ToHaveCountAsync(0);
        await Accessibility.AssertNoViolationsAsync(page);

        var confirm = page.GetByRole(AriaRole.Checkbox, new() { Name = "Ja, ta bort personens uppgifter" });
        await confirm.FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(confirm).ToBeCheckedAsync();
        await remove.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Personens uppgifter är borttagna." })).ToBeVisibleAsync();
        var row = page.Locator("table.data tbody tr").Filter(new() { Has = page.Locator($"#andra-user-{userId}") });
        await Assertions.Expect(row.Locator("th[scope='row']")).ToContainTextAsync("Borttagen användare");
        await Assertions.Expect(row).ToContainTextAsync("Inaktiverat");
        await Assertions.Expect(row).Not.ToContainTextAsync("Per Politiker");
        await Assertions.Expect(row).Not.ToContainTextAsync("@sandviken.example"); // nor the old address

        // The editor has closed: focus is back on the row's own button, where the keyboard user started.
        await page.WaitForFunctionAsync("id => document.activeElement?.id === id", $"andra-user-{userId}");
        await Accessibility.AssertNoViolationsAsync(page);
    }

    // Every box that scrolls sideways has been made focusable by portal.js (it runs on the next animation frame).
    private const string ScrollBoxesSettled =
        "() => [...document.querySelectorAll('.table-scroll')].every(b => b.scrollWidth <= b.clientWidth + 1 || b.getAttribute('tabindex') === '0')";

    private static string Capitalised(string text) =>
        char.ToUpper(text[0], System.Globalization.CultureInfo.GetCultureInfo("sv-SE")) + text[1..];

    private async Task<IReadOnlyList<StaleMeasure>> ReadStaleAsync(
        string email, Func<StaleIndicatorReader, ClaimsPrincipal, Task<IReadOnlyList<StaleMeasure>>> read)
    {
        using var scope = browser.Services.CreateScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<StrategyDbContext>>().CreateDbContextAsync();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "test"));
        return await read(scope.ServiceProvider.GetRequiredService<StaleIndicatorReader>(), user);
    }

    private async Task<bool> RemindersOffAsync(string email)
    {
        await using var db = await browser.Services.GetRequiredService<IDbContextFactory<StrategyDbContext>>().CreateDbContextAsync();
        return await db.Users.Where(u => u.Email == email).Select(u => u.RemindersOff).SingleAsync();
    }

    // One stale indicator of the secretary's own organisation and one of another (the portal's clock: 26 November
    // 2026, so the plans of 2026 count and a value for 2025 is expected). Idempotent: the class shares one portal.
    private async Task AddStaleIndicatorsAsync()
    {
        await using var db = await browser.Services.GetRequiredService<IDbContextFactory<StrategyDbContext>>().CreateDbContextAsync();
        if (await db.Indicators.AnyAsync(i => i.Name == OmsorgIndicator))
        {
            return;
        }

        foreach (var (slug, name, years) in new[] { ("omsorgsnamnden", OmsorgIndicator, Array.Empty<int>()), ("sandviken-energi-ab", EnergiIndicator, new[] { 2022 }) })
        {
            var planId = await db.Plans.Where(p => p.Organisation.Slug == slug && p.BudgetYear == 2026).Select(p => p.Id).SingleAsync();
            db.Goals.Add(new Goal
            {
                PlanId = planId,
                Title = $"Mål för {name}",
                Indicators = [new Indicator
                {
                    Name = name,
                    Measurements = years.Select(y => new Measurement { Period = $"{y}", Value = 1, Source = "Manuell", FetchedAtUtc = DateTime.UtcNow }).ToList(),
                }],
            });
        }

        await db.SaveChangesAsync();
    }
}
