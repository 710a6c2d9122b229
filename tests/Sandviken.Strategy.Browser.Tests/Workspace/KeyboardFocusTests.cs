using Microsoft.Playwright;
using Sandviken.Strategy.Browser.Tests.Infrastructure;

namespace Sandviken.Strategy.Browser.Tests.Workspace;

/// <summary>A keyboard user works on the goal list: focus stays with the goal they act on and never falls to the page.</summary>
public sealed class KeyboardFocusTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_full_load_of_a_workspace_page_leaves_the_first_Tab_for_the_skip_link_and_a_navigation_inside_focuses_the_heading()
    {
        var page = await browser.NewPageAsync();
        await SignIn.AsAsync(page, "sekreterare.kunskap@sandviken.example");

        // A full load, as after a bookmark or a reload: the circuit starts, but focus stays at the top.
        await page.ReloadAsync();
        await SignIn.WaitForInteractivityAsync(page);
        Assert.Equal("BODY", await page.EvaluateAsync<string>("() => document.activeElement.tagName"));
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Hoppa till huvudinnehållet", await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()"));

        // Inside the circuit the page changes without a load: focus goes to the new page's heading.
        await page.GetByRole(AriaRole.Link, new() { Name = "Nämndplan 2026" }).Last.ClickAsync();
        await page.WaitForURLAsync("**/arbetsyta/planer/*");
        await page.WaitForFunctionAsync("() => document.activeElement?.tagName === 'H1'");
        Assert.Equal(await page.Locator("main h1").InnerTextAsync(), await page.EvaluateAsync<string>("() => document.activeElement.innerText"));
    }

    [Fact]
    public async Task Focus_follows_the_moved_goal_the_removal_question_and_the_follow_up()
    {
        var page = await browser.NewPageAsync();
        await SignIn.AsAsync(page, "sekreterare.kunskap@sandviken.example");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nämndplan 2026" }).Last.ClickAsync();
        await page.WaitForURLAsync("**/arbetsyta/planer/*");
        await SignIn.WaitForInteractivityAsync(page);
        var first = page.GetByTestId("goal").First;
        var id = await first.GetAttributeAsync("data-goal-id");
        var title = (await first.Locator(".goal-title").InnerTextAsync()).Trim();

        // Moving a goal down keeps focus with that goal. The plan has two goals, so it is now the last one and
        // its "Flytta ned" is disabled: focus goes to its "Flytta upp".
        await Assertions.Expect(page.GetByTestId("goal")).ToHaveCountAsync(2);
        await page.Locator($"#flytta-ned-{id}").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("goal").Nth(1)).ToHaveAttributeAsync("data-goal-id", id!);
        await WaitForFocusAsync(page, $"flytta-upp-{id}");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("goal").Nth(0)).ToHaveAttributeAsync("data-goal-id", id!);
        await WaitForFocusAsync(page, $"flytta-ned-{id}");

        // Asking to remove it puts focus on the safe answer; declining returns to the button.
        await page.Locator($"#ta-bort-{id}").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await WaitForFocusAsync(page, $"ta-bort-nej-{id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Ta bort målet?" })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Enter");
        await WaitForFocusAsync(page, $"ta-bort-{id}");
        await Assertions.Expect(page.GetByTestId("goal").Filter(new() { HasText = title })).ToHaveCountAsync(1);

        // The follow-up opens with focus in it and gives it back to its button when closed.
        await page.Locator($"#folj-upp-{id}").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await WaitForFocusAsync(page, $"uppfoljning-{id}");
        await Accessibility.AssertNoViolationsAsync(page);
        await page.Locator($"#uppfoljning-{id}").GetByRole(AriaRole.Button, new() { Name = "Stäng uppföljningen" }).ClickAsync();
        await WaitForFocusAsync(page, $"folj-upp-{id}");
    }

    [Fact]
    public async Task On_a_phone_the_follow_up_panel_with_its_values_fits_the_screen()
    {
        var page = await browser.NewPageAsync(width: 375);
        await SignIn.AsAsync(page, "sekreterare.kunskap@sandviken.example");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nämndplan 2025" }).First.ClickAsync();
        await page.WaitForURLAsync("**/arbetsyta/planer/*");
        await SignIn.WaitForInteractivityAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Följ upp" }).First.ClickAsync();
        await Assertions.Expect(page.GetByText("Värden för").First).ToBeVisibleAsync();

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            $"The page is {await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")} pixels wide on a 375-pixel screen.");
        await Accessibility.AssertNoViolationsAsync(page);
    }

    private static Task<IJSHandle> WaitForFocusAsync(IPage page, string id) =>
        page.WaitForFunctionAsync("id => document.activeElement?.id === id", id);
}
