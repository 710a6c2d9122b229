using Microsoft.Playwright;
using Sandviken.Strategy.OidcServer;

namespace Sandviken.Strategy.Browser.Tests.Account;

/// <summary>A session from the identity provider follows the portal's session rules (ADR 0031, ADR 0040).</summary>
public sealed class OidcSessionTests(OidcSessionFixture browser) : IClassFixture<OidcSessionFixture>
{
    [Fact]
    public async Task A_session_from_the_provider_ends_at_the_absolute_lifetime_however_busy_it_is()
    {
        browser.Provider.User = new TestUser("omsorg-session-1", "oidc.session@sandviken.example", "Siv Session", [OidcFixture.OmsorgGroup]);
        var page = await browser.NewPageAsync();
        await OidcFixture.SignInAtProviderAsync(page);
        await page.WaitForURLAsync("**/arbetsyta", new() { Timeout = 60_000 });

        // Used every 20 minutes (inside the 30-minute idle timeout, so the cookie slides) for 7 hours 40 minutes ...
        for (var minutes = 20; minutes < 8 * 60; minutes += 20)
        {
            browser.Clock.Advance(TimeSpan.FromMinutes(20));
            var response = await page.Context.APIRequest.GetAsync("/arbetsyta", new() { MaxRedirects = 0 });
            Assert.True(response.Status == 200, $"The session ended after {minutes} minutes of use (status {response.Status}).");
        }

        // ... and refused at 8 hours after its sign-in.
        browser.Clock.Advance(TimeSpan.FromMinutes(20));
        var refused = await page.Context.APIRequest.GetAsync("/arbetsyta", new() { MaxRedirects = 0 });
        Assert.Equal(302, refused.Status);
        Assert.Contains("/konto/logga-in", refused.Headers["location"], StringComparison.Ordinal);
    }
}
