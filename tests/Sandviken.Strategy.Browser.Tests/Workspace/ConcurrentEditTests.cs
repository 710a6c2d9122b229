using Microsoft.Playwright;
using Sandviken.Strategy.Browser.Tests.Infrastructure;

namespace Sandviken.Strategy.Browser.Tests.Workspace;

public sealed class ConcurrentEditTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_second_of_two_people_saving_the_same_goal_sees_the_first_ones_change_and_nothing_is_overwritten()
    {
        var first = await OpenFirstGoalAsync();
        var second = await OpenFirstGoalAsync();

        await SaveTitleAsync(first, "Först sparad rubrik");
        await Assertions.Expect(first.GetByTestId("goal").First).ToContainTextAsync("Först sparad rubrik");
        await SaveTitleAsync(second, "Senare sparad rubrik");

        var conflict = second.GetByTestId("conflict");
        await Assertions.Expect(conflict).ToContainTextAsync("Någon annan har ändrat målet sedan du öppnade det.");
        await Assertions.Expect(conflict).ToContainTextAsync("Först sparad rubrik");
        // Named as a person, not by e-mail address.
        await Assertions.Expect(conflict).ToContainTextAsync("ändrad av Sara Sekreterare");
        await Accessibility.AssertNoViolationsAsync(second);

        await conflict.GetByRole(AriaRole.Button, new() { Name = "Öppna den sparade versionen" }).ClickAsync();
        await Assertions.Expect(second.GetByTestId("goal").First).ToContainTextAsync("Först sparad rubrik");
        await Assertions.Expect(second.GetByText("Senare sparad rubrik")).ToHaveCountAsync(0);
    }

    private async Task<IPage> OpenFirstGoalAsync()
    {
        var page = await browser.NewPageAsync();
        await SignIn.AsAsync(page, "sekreterare.kunskap@sandviken.example");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nämndplan 2026" }).Last.ClickAsync();
        await page.WaitForURLAsync("**/arbetsyta/planer/*");
        await SignIn.WaitForInteractivityAsync(page);
        await page.GetByTestId("goal").First.GetByRole(AriaRole.Button, new() { Name = "Redigera" }).ClickAsync();
        return page;
    }

    private static async Task SaveTitleAsync(IPage page, string title)
    {
        var editor = page.GetByTestId("goal-editor");
        await editor.GetByLabel("Rubrik").FillAsync(title);
        await editor.GetByLabel("Rubrik").PressAsync("Tab");
        await editor.GetByTestId("save-goal").ClickAsync();
    }
}
