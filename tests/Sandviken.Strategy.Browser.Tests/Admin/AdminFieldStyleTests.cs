using Microsoft.Playwright;
using Sandviken.Strategy.Browser.Tests.Infrastructure;
using Sandviken.Strategy.Web.Components.Forms;

namespace Sandviken.Strategy.Browser.Tests.Admin;

/// <summary>
/// The administration forms as a new administrator meets them: dates are written the Swedish way whatever the
/// browser's language, and a choice from a list looks like the text fields beside it.
/// </summary>
public sealed class AdminFieldStyleTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task In_an_English_browser_deadlines_are_shown_and_typed_as_2026_04_30()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseAddress.ToString(),
            Locale = "en-US",
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        var page = await context.NewPageAsync();
        await SignIn.AsAsync(page, "admin@sandviken.example");
        await page.GotoAsync("/admin/planeringsomgangar");
        await SignIn.WaitForInteractivityAsync(page);
        var draft = page.GetByLabel("Sista dag, utkast");
        await Assertions.Expect(draft).ToHaveValueAsync("2026-04-30");
        await Assertions.Expect(draft).ToHaveAttributeAsync("type", "text");

        // What an English browser would have offered is refused next to the field, and nothing is saved.
        await draft.FillAsync("04/15/2026");
        await draft.PressAsync("Tab");
        await Assertions.Expect(page.GetByText(SwedishDate.Message, new() { Exact = true })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Inget har sparats.");
        await Assertions.Expect(page.Locator("table.data")).Not.ToContainTextAsync("2027");
        await Accessibility.AssertNoViolationsAsync(page);

        await draft.FillAsync("2026-4-15");
        await draft.PressAsync("Tab");
        await Assertions.Expect(draft).ToHaveValueAsync("2026-04-15");
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Budgetår 2027 är sparat.");
        await Assertions.Expect(page.Locator("table.data tbody tr").First).ToContainTextAsync("15 april 2026");
    }

    [Fact]
    public async Task A_choice_from_a_list_is_as_high_as_the_text_field_beside_it_and_in_line_with_it()
    {
        var page = await browser.NewPageAsync();
        await SignIn.AsAsync(page, "admin@sandviken.example");
        await page.GotoAsync("/admin/organisationer");
        await SignIn.WaitForInteractivityAsync(page);

        var name = await page.Locator("#ny-org-namn").Locator("xpath=..").BoundingBoxAsync();
        foreach (var id in new[] { "#ny-org-typ", "#ny-org-moder" })
        {
            var select = await page.Locator(id).BoundingBoxAsync();
            Assert.True(name is not null && select is not null, $"{id} or the name field is not on the page.");
            Assert.True(Math.Abs(select!.Height - name!.Height) <= 2, $"{id} is {select.Height}px high, the name field {name.Height}px.");
            Assert.True(Math.Abs(select.Y - name.Y) <= 2, $"{id} starts at {select.Y}px, the name field at {name.Y}px.");
        }

        await Accessibility.AssertNoViolationsAsync(page);
    }
}
