using Microsoft.Playwright;
using Sandviken.Strategy.Browser.Tests.Infrastructure;

namespace Sandviken.Strategy.Browser.Tests.Workspace;

/// <summary>
/// What a new secretary meets in the workspace's forms: dates the Swedish way whatever the browser's language,
/// one field style, one compact row of actions per goal in sentence case.
/// </summary>
public sealed class WorkspaceFormsTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task In_an_English_browser_the_decision_date_is_written_and_read_the_Swedish_way()
    {
        var page = await OpenDraftPlanAsync(locale: "en-US");
        Assert.Equal("en-US", await page.EvaluateAsync<string>("() => navigator.language"));
        var date = page.GetByTestId("decision-form").GetByLabel("Beslutsdatum");

        Assert.Equal("text", await date.GetAttributeAsync("type"));
        Assert.Equal("ÅÅÅÅ-MM-DD", await date.GetAttributeAsync("placeholder"));
        await date.FillAsync("20261120");
        await date.PressAsync("Tab");
        await Assertions.Expect(date).ToHaveValueAsync("2026-11-20");

        // The American way is not guessed at: the field says how to write the date, in Swedish.
        await date.FillAsync("11/20/2026");
        await date.PressAsync("Tab");
        await Assertions.Expect(page.GetByTestId("decision-form")).ToContainTextAsync("Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2025-04-20.");
        await Assertions.Expect(date).ToHaveAttributeAsync("aria-invalid", "true");
        await Accessibility.AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task A_choice_and_a_text_field_side_by_side_have_one_style_and_one_height()
    {
        var page = await OpenDraftPlanAsync();
        await page.GetByTestId("add-goal").ClickAsync();
        var editor = page.GetByTestId("goal-editor");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Lägg till indikator" }).ClickAsync();

        var name = await BoxOfAsync(editor.GetByLabel("Namn"));
        var direction = await BoxOfAsync(editor.GetByLabel("Riktning"));

        Assert.Equal("SELECT", await editor.GetByLabel("Riktning").EvaluateAsync<string>("e => e.tagName"));
        Assert.InRange(Math.Abs(name.Height - direction.Height), 0, 2);
        Assert.InRange(Math.Abs(name.Y - direction.Y), 0, 2);
        // The label sits on the field's border, as MudBlazor's outlined labels do, not in bold above it.
        var label = await BoxOfAsync(editor.Locator("label[for='nytt-mal-indicator-0-direction']"));
        Assert.InRange(label.Y + (label.Height / 2), direction.Y - 2, direction.Y + 2);
        Assert.NotEqual("700", await editor.Locator("label[for='nytt-mal-indicator-0-direction']").EvaluateAsync<string>("e => getComputedStyle(e).fontWeight"));
        await Accessibility.AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task Each_goal_has_one_row_of_actions_in_sentence_case()
    {
        var page = await OpenDraftPlanAsync();
        var goal = page.GetByTestId("goal").Nth(1);
        var buttons = goal.Locator(".goal-actions button");

        var names = (await buttons.AllInnerTextsAsync()).Select(t => t.Trim()).ToList();
        Assert.Equal(5, names.Count);
        Assert.StartsWith("Redigera", names[0], StringComparison.Ordinal);
        Assert.StartsWith("Flytta upp", names[1], StringComparison.Ordinal);
        Assert.StartsWith("Flytta ned", names[2], StringComparison.Ordinal);
        Assert.StartsWith("Följ upp", names[3], StringComparison.Ordinal);
        Assert.StartsWith("Ta bort", names[4], StringComparison.Ordinal);
        var tops = new List<float>();
        for (var i = 0; i < names.Count; i++)
        {
            var box = await BoxOfAsync(buttons.Nth(i));
            tops.Add(box.Y + (box.Height / 2));
        }

        Assert.InRange(tops.Max() - tops.Min(), 0, 2);
        Assert.Equal(1, await goal.Locator(".goal-actions").CountAsync());
    }

    private async Task<IPage> OpenDraftPlanAsync(string locale = "sv-SE")
    {
        var page = await browser.NewPageAsync(locale: locale);
        await SignIn.AsAsync(page, "sekreterare.kunskap@sandviken.example");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nämndplan 2026" }).Last.ClickAsync();
        await page.WaitForURLAsync("**/arbetsyta/planer/*");
        await SignIn.WaitForInteractivityAsync(page);
        await Assertions.Expect(page.GetByTestId("plan-status")).ToHaveTextAsync("Utkast");
        return page;
    }

    private static async Task<LocatorBoundingBoxResult> BoxOfAsync(ILocator locator) =>
        await locator.BoundingBoxAsync() ?? throw new InvalidOperationException("The element is not visible.");
}
