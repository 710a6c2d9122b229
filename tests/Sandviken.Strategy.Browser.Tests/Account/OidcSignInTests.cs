using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sandviken.Strategy.Browser.Tests.Infrastructure;
using Sandviken.Strategy.OidcServer;

namespace Sandviken.Strategy.Browser.Tests.Account;

/// <summary>
/// Sign-in through a real OpenID Connect server (OpenIddict) in Chromium, with access from the group table
/// (ADR 0040): the mapped secretary lands in the workspace with their organisation only, a person without a mapped
/// group waits for access, a tampered state or nonce is refused without a session, and sign-out reaches the provider.
/// </summary>
public sealed partial class OidcSignInTests(OidcGroupsFixture browser) : IClassFixture<OidcGroupsFixture>
{
    [Fact]
    public async Task Mapped_user_signs_in_at_the_provider_and_lands_in_the_workspace_with_the_mapped_organisation_only()
    {
        browser.Provider.User = new TestUser("omsorg-sekr-1", "oidc.omsorg@sandviken.example", "Olle Omsorg", [OidcFixture.OmsorgGroup, "some-other-group"]);
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/konto/logga-in");
        await Accessibility.AssertNoViolationsAsync(page);

        await OidcFixture.SignInAtProviderAsync(page);
        await page.WaitForURLAsync("**/arbetsyta", new() { Timeout = 60_000 });
        await SignIn.WaitForInteractivityAsync(page);
        await Assertions.Expect(page.Locator("h2").Filter(new() { HasText = "Omsorgsnämnden" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Kunskapsnämnden")).ToHaveCountAsync(0);
        Assert.True(await browser.HasSecurityEventAsync("SignIn", "subject omsorg-sekr-1: Created", "oidc.omsorg@sandviken.example"), "No SignIn security event for the provider's sign-in.");
        // The password is the provider's: no "Byt lösenord" in the header, and the page says where to change it.
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Byt lösenord" })).ToHaveCountAsync(0);

        var own = await browser.PlanIdAsync("omsorgsnamnden", 2026);
        var other = await browser.PlanIdAsync("kunskapsnamnden", 2026);
        var ownResponse = await page.GotoAsync($"/arbetsyta/planer/{own}");
        Assert.Equal(200, ownResponse!.Status);
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Omsorgsnämnden");
        var otherResponse = await page.GotoAsync($"/arbetsyta/planer/{other}");
        Assert.Equal(403, otherResponse!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Ingen behörighet");

        await page.GotoAsync("/konto/byt-losenord");
        await Assertions.Expect(page.Locator("#losenord-hos-leverantor")).ToContainTextAsync("kommunens inloggning");
        await Assertions.Expect(page.GetByLabel("Nuvarande lösenord")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task User_without_a_mapped_group_sees_waiting_for_access_and_no_workspace()
    {
        browser.Provider.User = new TestUser("ny-person-1", "ny.person@sandviken.example", "Nina Ny", ["a-group-nobody-mapped"]);
        var page = await browser.NewPageAsync();
        await OidcFixture.SignInAtProviderAsync(page);
        await page.WaitForURLAsync("**/konto/vantar-pa-behorighet", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Väntar på behörighet");
        await Assertions.Expect(page.Locator("#vantar-pa-behorighet")).ToContainTextAsync("ny.person@sandviken.example");
        // With a group table nobody is told by e-mail: the page says whom to ask.
        await Assertions.Expect(page.Locator("#vantar-pa-behorighet")).ToContainTextAsync("Hör av dig till den som administrerar portalen i kommunen.");
        await Accessibility.AssertNoViolationsAsync(page);

        var response = await page.GotoAsync("/arbetsyta");
        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.Locator("#vantar-pa-behorighet")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("goal")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("main[data-interactive='true']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Tampered_state_is_refused_with_a_Swedish_page_and_no_session()
    {
        browser.Provider.User = new TestUser("omsorg-sekr-2", "oidc.omsorg2@sandviken.example", "Oskar Omsorg", [OidcFixture.OmsorgGroup]);
        var page = await browser.NewPageAsync();
        var callback = await CallbackUrlAsync(page, tamperNonce: false);
        var tampered = StateParameter().Replace(callback, m => m.Groups[1].Value + Flip(m.Groups[2].Value));

        await AssertRefusedAsync(page, tampered);
        Assert.True(await browser.HasSecurityEventAsync("SignInFailed", "OpenID Connect answer refused"), "No SignInFailed security event for the tampered state.");
    }

    [Fact]
    public async Task Tampered_nonce_is_refused_with_a_Swedish_page_and_no_session()
    {
        browser.Provider.User = new TestUser("omsorg-sekr-3", "oidc.omsorg3@sandviken.example", "Otto Omsorg", [OidcFixture.OmsorgGroup]);
        var page = await browser.NewPageAsync();
        // The provider puts the changed nonce in the id token; the portal's nonce cookie holds the original.
        var callback = await CallbackUrlAsync(page, tamperNonce: true);

        await AssertRefusedAsync(page, callback);
        Assert.True(await browser.HasSecurityEventAsync("SignInFailed", "Nonce"), "No SignInFailed security event for the tampered nonce.");
    }

    [Fact]
    public async Task Sign_out_also_signs_out_at_the_provider_end_session_endpoint()
    {
        browser.Provider.User = new TestUser("omsorg-sekr-4", "oidc.omsorg4@sandviken.example", "Ove Omsorg", [OidcFixture.OmsorgGroup]);
        var page = await browser.NewPageAsync();
        await OidcFixture.SignInAtProviderAsync(page);
        await page.WaitForURLAsync("**/arbetsyta", new() { Timeout = 60_000 });
        var before = browser.Provider.EndSessionHints.Count;

        await page.GotoAsync("/konto/logga-ut");
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "Logga ut" }).ClickAsync();
        // Through the provider's end-session endpoint and back to the portal's start page.
        try
        {
            await page.WaitForURLAsync(browser.BaseAddress.ToString(), new() { Timeout = 60_000 });
        }
        catch (TimeoutException)
        {
            // Say where the browser stopped instead (the provider's error, or the portal's).
            Assert.Fail($"Sign-out did not come back to the start page; the browser is at {page.Url}: {await page.Locator("body").InnerTextAsync()}");
        }

        Assert.Equal(before + 1, browser.Provider.EndSessionHints.Count);
        Assert.False(string.IsNullOrEmpty(browser.Provider.EndSessionHints.Last()), "The end-session request carried no id_token_hint.");

        await page.GotoAsync("/arbetsyta");
        await page.WaitForURLAsync("**/konto/logga-in**");
    }

    /// <summary>
    /// The protocol step by step with the browser context's own cookies: the portal's challenge (which sets the
    /// correlation and nonce cookies), the provider's authorisation answer, and the address it sends the browser back to.
    /// </summary>
    private static async Task<string> CallbackUrlAsync(IPage page, bool tamperNonce)
    {
        var challenge = await page.Context.APIRequest.GetAsync("/konto/logga-in/extern?ReturnUrl=%2Farbetsyta", new() { MaxRedirects = 0 });
        Assert.Equal(302, challenge.Status);
        var authorize = challenge.Headers["location"];
        Assert.Contains("code_challenge=", authorize, StringComparison.Ordinal);
        if (tamperNonce)
        {
            authorize = NonceParameter().Replace(authorize, m => m.Groups[1].Value + Flip(m.Groups[2].Value));
        }

        var answer = await page.Context.APIRequest.GetAsync(authorize, new() { MaxRedirects = 0 });
        Assert.Equal(302, answer.Status);
        var callback = answer.Headers["location"];
        Assert.Contains("/signin-oidc?", callback, StringComparison.Ordinal);
        Assert.Contains("code=", callback, StringComparison.Ordinal);
        return callback;
    }

    private static async Task AssertRefusedAsync(IPage page, string callback)
    {
        // The portal answers the callback with a redirect to its refusal page, which says so with 400.
        var response = await page.GotoAsync(callback);
        Assert.Contains("/konto/inloggning-misslyckades", page.Url, StringComparison.Ordinal);
        Assert.Equal(400, response!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Inloggningen misslyckades");
        await Assertions.Expect(page.Locator("#inloggning-misslyckades")).ToContainTextAsync("du har inte loggats in");
        await Accessibility.AssertNoViolationsAsync(page);
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name.StartsWith("sandviken.auth", StringComparison.Ordinal));

        await page.GotoAsync("/arbetsyta");
        await page.WaitForURLAsync("**/konto/logga-in**");
    }

    // One character changed, still in the same alphabet, so that only the protection can tell.
    private static string Flip(string value)
    {
        var i = value.Length / 2;
        return value[..i] + (value[i] == 'A' ? 'B' : 'A') + value[(i + 1)..];
    }

    [GeneratedRegex("([?&]state=)([^&]+)")]
    private static partial Regex StateParameter();

    [GeneratedRegex("([?&]nonce=)([^&]+)")]
    private static partial Regex NonceParameter();
}
