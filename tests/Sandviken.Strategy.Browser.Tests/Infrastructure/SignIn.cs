using Microsoft.Playwright;

namespace Sandviken.Strategy.Browser.Tests.Infrastructure;

public static class SignIn
{
    public const string Password = "Sandviken-demo-2026";

    /// <summary>Signs in through the real form and waits for the workspace to become interactive.</summary>
    public static async Task AsAsync(IPage page, string email)
    {
        await page.GotoAsync("/konto/logga-in");
        await page.GetByLabel("E-postadress").FillAsync(email);
        await page.GetByLabel("Lösenord").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in" }).ClickAsync();
        // Generous: the first request after sign-in prerenders the workspace and starts a circuit on a busy machine.
        await page.WaitForURLAsync("**/arbetsyta", new() { Timeout = 60_000 });
        await WaitForInteractivityAsync(page);
    }

    /// <summary>Clicks are only handled once the circuit is up (DESIGN.md §8).</summary>
    public static Task WaitForInteractivityAsync(IPage page) =>
        page.Locator("main[data-interactive='true']").WaitForAsync(new() { Timeout = 30_000 });
}
