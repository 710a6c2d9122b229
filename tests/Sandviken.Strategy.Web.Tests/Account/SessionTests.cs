using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Domain.Users;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Account;

/// <summary>Sign-out ends the session on the server; sessions have an idle timeout and an absolute lifetime (ADR 0031).</summary>
public sealed class SessionTests
{
    private const string RealPassword = "ett riktigt långt lösenord";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_cookie_copied_before_sign_out_is_refused_after_it(bool demoAccount)
    {
        await using var portal = new PortalFactory();
        var email = demoAccount ? "politiker@sandviken.example" : await CreateAccountAsync(portal, "riktig@kommun.example");
        using var browser = portal.CreateCookieClient();
        var copy = AuthCookie(await browser.SignInAsync(email, demoAccount ? Browserless.DemoPassword : RealPassword));
        Assert.Equal(HttpStatusCode.OK, await WithCookieAsync(portal, copy, "/arbetsyta"));

        await SignOutAsync(browser);

        Assert.Equal(HttpStatusCode.Redirect, await WithCookieAsync(portal, copy, "/arbetsyta"));
    }

    [Fact]
    public async Task Signing_out_of_a_shared_demo_account_leaves_the_other_visitors_of_it_signed_in()
    {
        await using var portal = new PortalFactory();
        using var first = portal.CreateCookieClient();
        using var second = portal.CreateCookieClient();
        await first.SignInAsync("politiker@sandviken.example");
        var other = AuthCookie(await second.SignInAsync("politiker@sandviken.example"));

        await SignOutAsync(first);

        Assert.Equal(HttpStatusCode.OK, await WithCookieAsync(portal, other, "/arbetsyta"));
    }

    [Fact]
    public async Task A_busy_session_ends_at_the_absolute_lifetime_and_an_idle_one_at_the_idle_timeout()
    {
        await using var portal = new PortalFactory();
        using var busy = portal.CreateCookieClient();
        await busy.SignInAsync("politiker@sandviken.example");

        // A request every 20 minutes keeps the sliding cookie alive, for 8 hours after the sign-in and no longer.
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(8) - TimeSpan.FromMinutes(20); elapsed += TimeSpan.FromMinutes(20))
        {
            portal.Clock.Advance(TimeSpan.FromMinutes(20));
            using var response = await busy.GetAsync("/arbetsyta");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        portal.Clock.Advance(TimeSpan.FromMinutes(20));
        using (var tooOld = await busy.GetAsync("/arbetsyta"))
        {
            Assert.Equal(HttpStatusCode.Redirect, tooOld.StatusCode);
            Assert.Equal("/konto/logga-in", tooOld.Headers.Location?.AbsolutePath);
        }

        using var idle = portal.CreateCookieClient();
        await idle.SignInAsync("politiker@sandviken.example");
        portal.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await idle.GetAsync("/arbetsyta")).StatusCode);
        portal.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(HttpStatusCode.Redirect, (await idle.GetAsync("/arbetsyta")).StatusCode);
    }

    [Fact]
    public async Task Wrong_current_passwords_on_the_change_form_lock_the_account_and_end_its_session()
    {
        await using var portal = new PortalFactory();
        var email = await CreateAccountAsync(portal, "gissad@kommun.example");
        using var client = portal.CreateCookieClient();
        await client.SignInAsync(email, RealPassword);

        for (var attempt = 0; attempt < 4; attempt++)
        {
            HtmlAssert.ContainsText("Det nuvarande lösenordet stämmer inte.", await ChangePasswordAsync(client, "en gissning till"));
        }

        HtmlAssert.ContainsText("Kontot är låst i fem minuter", await ChangePasswordAsync(client, "en gissning till"));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/arbetsyta")).StatusCode);
        using var again = portal.CreateCookieClient();
        HtmlAssert.ContainsText("Kontot är låst i fem minuter", await (await again.SignInAsync(email, RealPassword)).Content.ReadAsStringAsync());
    }

    internal static async Task<string> CreateAccountAsync(PortalFactory portal, string email)
    {
        using var scope = portal.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var created = await users.CreateAsync(new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Riktig Person" }, RealPassword);
        Assert.True(created.Succeeded);
        var user = await users.FindByEmailAsync(email);
        Assert.True((await users.AddToRoleAsync(user!, Roles.Official)).Succeeded);
        return email;
    }

    internal static async Task SignOutAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/konto/logga-ut");
        using var signedOut = await client.PostAsync("/konto/logga-ut", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "logga-ut",
            ["__RequestVerificationToken"] = Browserless.TokenIn(page),
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
    }

    internal static async Task<string> ChangePasswordAsync(HttpClient client, string current)
    {
        var form = await client.GetPageAsync("/konto/byt-losenord");
        using var response = await client.PostAsync("/konto/byt-losenord", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "byt-losenord",
            ["__RequestVerificationToken"] = Browserless.TokenIn(form),
            ["Input.CurrentPassword"] = current,
            ["Input.NewPassword"] = "ett helt nytt lösenord",
            ["Input.RepeatedPassword"] = "ett helt nytt lösenord",
        }));
        return await response.Content.ReadAsStringAsync();
    }

    private static string AuthCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("sandviken.auth=", StringComparison.Ordinal)).Split(';')[0];

    // Another browser that holds only the copied cookie.
    private static async Task<HttpStatusCode> WithCookieAsync(PortalFactory portal, string cookie, string url)
    {
        using var thief = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        using var response = await thief.SendAsync(request);
        return response.StatusCode;
    }
}
