using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sandviken.Strategy.Domain.Users;
using Sandviken.Strategy.Web.Identity;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Account;

public sealed class SignInTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_demo_secretary_signs_in_and_lands_in_the_workspace()
    {
        using var client = portal.CreateCookieClient();

        using var response = await client.SignInAsync("sekreterare.omsorg@sandviken.example");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/arbetsyta", response.Headers.Location?.AbsolutePath);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("sandviken.auth=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        var workspace = await client.GetPageAsync("/arbetsyta");
        HtmlAssert.ContainsText("Omsorgsnämnden", workspace);
        HtmlAssert.ContainsText("Logga ut", workspace);
    }

    [Fact]
    public async Task Each_sign_in_starts_a_new_session_even_for_a_browser_that_already_holds_one()
    {
        using var client = portal.CreateCookieClient();

        var first = AuthCookie(await client.SignInAsync("politiker@sandviken.example"));
        var second = AuthCookie(await client.SignInAsync("politiker@sandviken.example"));
        using var other = portal.CreateCookieClient();
        var third = AuthCookie(await other.SignInAsync("politiker@sandviken.example"));

        var sessions = new[] { first, second, third }.Select(SessionIdIn).ToList();
        Assert.All(sessions, s => Assert.Matches("^[0-9a-f]{32}$", s));
        Assert.Equal(3, sessions.Distinct().Count());
    }

    // The session identifier inside the cookie's encrypted ticket, read with the portal's own keys.
    private string SessionIdIn(string cookie)
    {
        var format = portal.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
            .Get(IdentityConstants.ApplicationScheme).TicketDataFormat;
        var ticket = format.Unprotect(cookie["sandviken.auth=".Length..]) ?? throw new InvalidOperationException("The cookie is not the portal's.");
        return ticket.Principal.FindFirst(PortalSignInManager.SessionIdClaim)?.Value ?? "";
    }

    [Fact]
    public async Task A_wrong_password_gives_a_Swedish_message_and_no_cookie()
    {
        using var client = portal.CreateCookieClient();

        using var response = await client.SignInAsync("tjansteperson@sandviken.example", "fel lösenord helt enkelt");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        HtmlAssert.ContainsText("Fel e-postadress eller lösenord.", html);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("sandviken.auth=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Empty_fields_are_named_in_Swedish()
    {
        using var client = portal.CreateCookieClient();

        using var response = await client.SignInAsync("", "");
        var html = await response.Content.ReadAsStringAsync();

        HtmlAssert.ContainsText("Ange din e-postadress.", html);
        HtmlAssert.ContainsText("Ange ditt lösenord.", html);
    }

    [Fact]
    public async Task Five_failed_attempts_lock_the_account_for_five_minutes_on_the_portals_clock()
    {
        await using var own = new PortalFactory();
        using var client = own.CreateCookieClient();
        var lockedAt = own.Clock.GetUtcNow();

        for (var attempt = 0; attempt < 5; attempt++)
        {
            await client.SignInAsync("sekreterare.bostad@sandviken.example", "inte rätt lösenord");
        }

        using var locked = await client.SignInAsync("sekreterare.bostad@sandviken.example");
        HtmlAssert.ContainsText("Kontot är låst i fem minuter", await locked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        using (var scope = own.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = await users.FindByEmailAsync("sekreterare.bostad@sandviken.example");
            Assert.Equal(lockedAt + TimeSpan.FromMinutes(5), await users.GetLockoutEndDateAsync(user!));
        }

        // Still locked at the last second of the five minutes, open again after them, with the right password only.
        own.Clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        using var stillLocked = await client.SignInAsync("sekreterare.bostad@sandviken.example");
        HtmlAssert.ContainsText("Kontot är låst i fem minuter", await stillLocked.Content.ReadAsStringAsync());
        own.Clock.Advance(TimeSpan.FromSeconds(2));
        using var unlocked = await client.SignInAsync("sekreterare.bostad@sandviken.example");
        Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);
        Assert.Equal("/arbetsyta", unlocked.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task A_deactivated_user_cannot_sign_in()
    {
        await using var own = new PortalFactory();
        await DeactivateAsync(own, "tjansteperson@sandviken.example");

        using var client = own.CreateCookieClient();
        using var response = await client.SignInAsync("tjansteperson@sandviken.example");

        HtmlAssert.ContainsText("Kontot är inaktiverat", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Guessing_a_deactivated_accounts_password_locks_it_like_any_other()
    {
        await using var own = new PortalFactory();
        await DeactivateAsync(own, "tjansteperson@sandviken.example");

        using var client = own.CreateCookieClient();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            HtmlAssert.ContainsText("Fel e-postadress eller lösenord.", await (await client.SignInAsync("tjansteperson@sandviken.example", "en gissning till")).Content.ReadAsStringAsync());
        }

        HtmlAssert.ContainsText("Kontot är låst i fem minuter", await (await client.SignInAsync("tjansteperson@sandviken.example", "en gissning till")).Content.ReadAsStringAsync());
        var right = await (await client.SignInAsync("tjansteperson@sandviken.example")).Content.ReadAsStringAsync();
        HtmlAssert.ContainsText("Kontot är låst i fem minuter", right);
        HtmlAssert.LacksText("inaktiverat", right);
    }

    [Fact]
    public async Task Passwords_need_twelve_characters_and_nothing_else()
    {
        using var scope = portal.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();

        var tooShort = await users.CreateAsync(new PortalUser { UserName = "kort@test.example", Email = "kort@test.example", DisplayName = "Kort" }, "elva tecken");
        var longEnough = await users.CreateAsync(new PortalUser { UserName = "lang@test.example", Email = "lang@test.example", DisplayName = "Lång" }, "tolv tecken!");

        Assert.Equal("Lösenordet måste ha minst 12 tecken.", Assert.Single(tooShort.Errors).Description);
        Assert.True(longEnough.Succeeded);
    }

    [Fact]
    public async Task The_sign_in_page_lists_one_demo_account_per_role_in_demo_mode()
    {
        using var client = portal.CreateCookieClient();

        var html = await client.GetPageAsync("/konto/logga-in");

        HtmlAssert.IsAccessibleStaticPage(html);
        foreach (var email in new[] { "admin@", "sekreterare.kunskap@", "sekreterare.omsorg@", "sekreterare.bostad@", "politiker@", "tjansteperson@" })
        {
            Assert.Contains(email + "sandviken.example", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Without_demo_data_there_are_no_demo_accounts()
    {
        await using var own = new PortalFactory { IncludeDemoData = false };
        using var client = own.CreateCookieClient();

        var html = await client.GetPageAsync("/konto/logga-in");
        using var response = await client.SignInAsync("admin@sandviken.example");

        HtmlAssert.LacksText("Demokonton", html);
        HtmlAssert.ContainsText("Fel e-postadress eller lösenord.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Turning_demo_data_off_deactivates_the_demo_accounts_whose_password_is_public()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"sandviken-web-{Guid.NewGuid():N}");
        await using (var withDemo = new PortalFactory { DataFolder = folder })
        {
            using var client = withDemo.CreateCookieClient();
            Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync("admin@sandviken.example")).StatusCode);
        }

        await using var withoutDemo = new PortalFactory { DataFolder = folder, IncludeDemoData = false };
        using var again = withoutDemo.CreateCookieClient();
        using var response = await again.SignInAsync("admin@sandviken.example");

        HtmlAssert.ContainsText("Kontot är inaktiverat", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_first_administrator_is_created_from_the_bootstrap_settings_when_there_is_none()
    {
        await using var portal = new BootstrapPortal();
        using var client = portal.CreateCookieClient();

        using var response = await client.SignInAsync("forsta.admin@kommun.example", "ett långt startlösenord");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        HtmlAssert.ContainsText("Administration", await client.GetPageAsync("/admin"));
    }

    private sealed class BootstrapPortal : PortalFactory
    {
        public BootstrapPortal() => IncludeDemoData = false;

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Bootstrap:AdministratorEmail"] = "forsta.admin@kommun.example",
                ["Bootstrap:AdministratorPassword"] = "ett långt startlösenord",
            }));
        }
    }

    [Fact]
    public async Task Sign_out_needs_the_antiforgery_token_and_then_ends_the_session()
    {
        using var client = portal.CreateCookieClient();
        await client.SignInAsync("politiker@sandviken.example");

        using var forged = await client.PostAsync("/konto/logga-ut", new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "logga-ut" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/arbetsyta")).StatusCode);

        var page = await client.GetStringAsync("/konto/logga-ut");
        using var signedOut = await client.PostAsync("/konto/logga-ut", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "logga-ut",
            ["__RequestVerificationToken"] = Browserless.TokenIn(page),
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        using var after = await client.GetAsync("/arbetsyta");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/konto/logga-in", after.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task Only_local_return_addresses_are_followed()
    {
        using var client = portal.CreateCookieClient();
        var form = await client.GetStringAsync("/konto/logga-in?ReturnUrl=%2F%2Fevil.example%2F");

        using var response = await client.PostAsync("/konto/logga-in?ReturnUrl=%2F%2Fevil.example%2F", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "logga-in",
            ["__RequestVerificationToken"] = Browserless.TokenIn(form),
            ["Input.Email"] = "politiker@sandviken.example",
            ["Input.Password"] = Browserless.DemoPassword,
        }));

        Assert.Equal(new Uri("http://localhost/arbetsyta"), response.Headers.Location);
    }

    private static string AuthCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("sandviken.auth=", StringComparison.Ordinal)).Split(';')[0];

    private static async Task DeactivateAsync(PortalFactory portal, string email)
    {
        using var scope = portal.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByEmailAsync(email);
        user!.IsActive = false;
        await users.UpdateAsync(user);
    }
}
