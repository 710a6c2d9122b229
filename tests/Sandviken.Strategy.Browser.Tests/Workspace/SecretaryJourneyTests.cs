using Microsoft.Playwright;
using Sandviken.Strategy.Browser.Tests.Infrastructure;

namespace Sandviken.Strategy.Browser.Tests.Workspace;

/// <summary>
/// A secretary signs in, adds a goal linked to two areas (after a validation message for a missing title),
/// records the April decision, and the goal is on the public area page; another secretary cannot reach the plan.
/// </summary>
public sealed class SecretaryJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string GoalTitle = "Snabbare handläggning av ställföreträdarskap";

    [Fact]
    public async Task Secretary_adds_a_goal_records_the_April_decision_and_the_goal_is_public()
    {
        var page = await browser.NewPageAsync();
        await SignIn.AsAsync(page, "sekreterare.kunskap@sandviken.example");
        await Accessibility.AssertNoViolationsAsync(page);

        // The overdue 2026 plan of Överförmyndarnämnden: still Utkast.
        await page.GetByRole(AriaRole.Link, new() { Name = "Nämndplan 2026" }).Last.ClickAsync();
        await page.WaitForURLAsync("**/arbetsyta/planer/*");
        await SignIn.WaitForInteractivityAsync(page);
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Överförmyndarnämnden");
        await Assertions.Expect(page.GetByTestId("plan-status")).ToHaveTextAsync("Utkast");
        await Accessibility.AssertNoViolationsAsync(page);

        // A goal without a title is refused with a message next to the field.
        await page.GetByTestId("add-goal").ClickAsync();
        var editor = page.GetByTestId("goal-editor");
        // Focus moves into the form that opened, and back to the goals when it closes.
        await page.WaitForFunctionAsync("() => document.activeElement?.id === 'nytt-mal-title'");
        await editor.GetByRole(AriaRole.Checkbox, new() { Name = "Växa för framtiden" }).CheckAsync();
        await editor.GetByRole(AriaRole.Checkbox, new() { Name = "En kommun att trivas i – bra livsmiljö" }).CheckAsync();
        await editor.GetByTestId("save-goal").ClickAsync();
        await Assertions.Expect(editor.GetByText("Ange en rubrik för målet.")).ToBeVisibleAsync();
        // Focus goes to the editor's summary of what to correct, which may be far above the button.
        await page.WaitForFunctionAsync("() => document.activeElement?.id === 'nytt-mal-utfall-problem'");
        await Accessibility.AssertNoViolationsAsync(page);

        await editor.GetByLabel("Rubrik").FillAsync(GoalTitle);
        await editor.GetByLabel("Rubrik").PressAsync("Tab");
        await editor.GetByTestId("save-goal").ClickAsync();
        var goal = page.GetByTestId("goal").Filter(new() { HasText = GoalTitle });
        await Assertions.Expect(goal).ToContainTextAsync("Växa för framtiden, En kommun att trivas i – bra livsmiljö");
        // The editor is gone: focus moves to the outcome, just above the goals.
        await Assertions.Expect(page.GetByTestId("mal-utfall-notice")).ToContainTextAsync($"Målet ”{GoalTitle}” är sparat.");
        await page.WaitForFunctionAsync("() => document.activeElement?.id === 'mal-utfall-meddelande'");

        // The April decision freezes a version and makes it public.
        var decisionForm = page.GetByTestId("decision-form");
        await decisionForm.GetByLabel("Beslutsdatum").FillAsync("2026-11-20");
        await decisionForm.GetByLabel("Paragraf och diarienummer").FillAsync("§ 41");
        await decisionForm.GetByLabel("Paragraf och diarienummer").PressAsync("Tab");
        await decisionForm.GetByTestId("record-decision").ClickAsync();
        await Assertions.Expect(page.GetByTestId("plan-status")).ToHaveTextAsync("Utkast beslutat");
        await Assertions.Expect(page.GetByTestId("plan-utfall-notice")).ToContainTextAsync("version 1");
        // The form is gone: focus moves to the outcome, at the top of the page.
        await page.WaitForFunctionAsync("() => document.activeElement?.id === 'plan-utfall-meddelande'");

        var area = await browser.NewPageAsync();
        await area.GotoAsync("/omraden/vaxa-for-framtiden");
        var organisation = area.Locator("article").Filter(new() { HasText = "Överförmyndarnämnden i Västra Gästrikland" });
        await Assertions.Expect(organisation).ToContainTextAsync(GoalTitle);
        await Assertions.Expect(organisation).ToContainTextAsync("Beslutat utkast, version 1");
    }

    [Fact]
    public async Task Another_secretary_can_neither_see_nor_open_the_plan()
    {
        var page = await browser.NewPageAsync();
        await SignIn.AsAsync(page, "sekreterare.omsorg@sandviken.example");

        await Assertions.Expect(page.Locator("h2").Filter(new() { HasText = "Omsorgsnämnden" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Överförmyndarnämnden")).ToHaveCountAsync(0);

        // By URL: the plan id of Överförmyndarnämnden's 2026 plan, taken from the public side's links is not possible,
        // so walk the ids: every plan that is not Omsorgsnämnden's is refused.
        var refused = new List<int>();
        var own = 0;
        for (var id = 1; id <= 40; id++)
        {
            var response = await page.GotoAsync($"/arbetsyta/planer/{id}");
            var heading = await page.Locator("h1").InnerTextAsync();
            if (heading.Contains("Omsorgsnämnden", StringComparison.Ordinal))
            {
                own = id;
                continue;
            }

            Assert.Equal(403, response!.Status);
            Assert.Equal("Ingen behörighet", heading);
            refused.Add(id);
        }

        Assert.True(refused.Count >= 30, $"Only {refused.Count} plans were refused.");
        await Accessibility.AssertNoViolationsAsync(page);

        // By URL inside the open circuit too: from the own plan, navigate without reloading to someone else's.
        await page.GotoAsync($"/arbetsyta/planer/{own}");
        await SignIn.WaitForInteractivityAsync(page);
        await Assertions.Expect(page.GetByTestId("goal").First).ToBeVisibleAsync();
        await page.EvaluateAsync("url => Blazor.navigateTo(url)", $"/arbetsyta/planer/{refused[^1]}");
        await page.WaitForURLAsync($"**/arbetsyta/planer/{refused[^1]}");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Ingen behörighet");
        await Assertions.Expect(page.GetByTestId("goal")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("add-goal")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("decision-form")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Secretary_follows_up_a_goal_of_a_decided_plan_and_records_a_value_which_the_public_plan_page_charts()
    {
        var page = await browser.NewPageAsync();
        await SignIn.AsAsync(page, "sekreterare.kunskap@sandviken.example");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nämndplan 2025" }).First.ClickAsync();
        await page.WaitForURLAsync("**/arbetsyta/planer/*");
        await SignIn.WaitForInteractivityAsync(page);
        await Assertions.Expect(page.GetByTestId("plan-status")).ToHaveTextAsync("Fastställd");

        var goal = page.GetByTestId("goal").First;
        var title = (await goal.Locator(".goal-title").InnerTextAsync()).Trim();
        await goal.GetByRole(AriaRole.Button, new() { Name = "Följ upp" }).ClickAsync();
        var panel = page.GetByTestId("follow-up");
        await panel.GetByLabel("Uppföljningstillfälle").SelectOptionAsync("AnnualReport");
        await panel.GetByLabel("Bedömning").SelectOptionAsync("PartlyMet");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Spara bedömning" }).ClickAsync();
        await Assertions.Expect(panel.GetByText("Förklara i en kommentar varför målet inte är uppfyllt.")).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page);

        await panel.GetByLabel("Kommentar").FillAsync("Två av tre skolor har nått målet.");
        await panel.GetByLabel("Kommentar").PressAsync("Tab");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Spara bedömning" }).ClickAsync();
        await Assertions.Expect(panel).ToContainTextAsync("Årsredovisning: Delvis uppfyllt – Två av tre skolor har nått målet.");

        // Values are typed the Swedish way; one that cannot be read is refused in Swedish and nothing is saved.
        var measurements = panel.GetByTestId("measurements").First;
        var value = measurements.GetByLabel("Värde", new() { Exact = true });
        // 2026: a year without demo values, so the chart shows this value and no other source's. Typed with a leading
        // zero, it is saved (and shown) as 2026.
        await measurements.GetByLabel("Period (år)").FillAsync("02026");
        await value.FillAsync("3,5 procent");
        await value.PressAsync("Tab");
        await measurements.GetByRole(AriaRole.Button, new() { Name = "Spara värde" }).ClickAsync();
        await Assertions.Expect(value).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(value).ToHaveAccessibleDescriptionAsync("Skriv ett tal, till exempel 3,5 eller 50 000.");
        await Assertions.Expect(measurements.GetByRole(AriaRole.Row).Filter(new() { HasText = "Manuell" })).ToHaveCountAsync(0);
        await Accessibility.AssertNoViolationsAsync(page);

        await value.FillAsync("3,5");
        await value.PressAsync("Tab");
        await Assertions.Expect(value).ToHaveValueAsync("3,5");
        await measurements.GetByRole(AriaRole.Button, new() { Name = "Spara värde" }).ClickAsync();
        await Assertions.Expect(measurements.GetByRole(AriaRole.Row, new() { Name = "2026 3,5 Manuell" })).ToBeVisibleAsync();
        await Assertions.Expect(measurements.GetByLabel("Period (år)")).ToHaveValueAsync("2026");
        await Assertions.Expect(panel).ToContainTextAsync("Värdet för 2026 är sparat.");

        var publicPage = await browser.NewPageAsync();
        await publicPage.GotoAsync("/organisationer/kunskapsnamnden/2025");
        await Assertions.Expect(publicPage.Locator("li").Filter(new() { HasText = title }).First).ToContainTextAsync("Delvis uppfyllt");
        var series = publicPage.GetByTestId("indicator-series").Filter(new() { HasText = "Manuell" });
        await Assertions.Expect(series.Locator("svg[role='img']")).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex(@"2026: 3,5\b"));
        await Assertions.Expect(series.GetByRole(AriaRole.Row, new() { Name = "2026 3,5 Manuell" })).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(publicPage);
    }
}
