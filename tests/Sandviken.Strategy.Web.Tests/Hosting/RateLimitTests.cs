using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Domain.Users;
using Sandviken.Strategy.Web.Hosting;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Hosting;

/// <summary>
/// The budgets of ADR 0030 over real Kestrel, each test with small ones of its own and windows far longer than the
/// test, so that no window turns while it runs. Client addresses come through X-Forwarded-For from the loopback
/// address, a trusted proxy.
/// </summary>
public sealed class RateLimitTests
{
    private const string Window = "3600";

    [Fact]
    public async Task Sign_in_over_the_address_budget_is_429_with_Retry_After_and_a_Swedish_page_whatever_the_accounts()
    {
        await using var portal = new KestrelPortal(new Dictionary<string, string?>
        {
            ["RateLimits:SignInPerAddress:PermitLimit"] = "3",
            ["RateLimits:SignInPerAddress:WindowSeconds"] = Window,
        });
        using var client = portal.ClientFrom("198.51.100.7");

        for (var i = 0; i < 3; i++)
        {
            using var answered = await client.SignInAsync($"finns-inte-{i}@sandviken.example", "fel lösenord helt enkelt");
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        using var refused = await client.SignInAsync("politiker@sandviken.example");
        var html = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter?.Delta ?? throw new InvalidOperationException("No Retry-After in seconds.");
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3600));
        Assert.Equal("text/html; charset=utf-8", refused.Content.Headers.ContentType?.ToString());
        HtmlAssert.ContainsText("För många inloggningsförsök", html);
        HtmlAssert.ContainsText("försök sedan igen", html);
        Assert.Contains("lang=\"sv\"", html, StringComparison.Ordinal);
        // The security headers are on the refusal too, and no sign-in happened.
        Assert.Equal("DENY", refused.Headers.GetValues("X-Frame-Options").Single());
        Assert.False(refused.Headers.Contains("Set-Cookie") && refused.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("sandviken.auth=", StringComparison.Ordinal)));

        // Another address still signs in.
        using var other = portal.ClientFrom("198.51.100.8");
        Assert.Equal(HttpStatusCode.Redirect, (await other.SignInAsync("politiker@sandviken.example")).StatusCode);
    }

    [Fact]
    public async Task One_account_has_a_budget_across_all_addresses()
    {
        await using var portal = new KestrelPortal(new Dictionary<string, string?>
        {
            ["RateLimits:SignInPerAccount:PermitLimit"] = "3",
            ["RateLimits:SignInPerAccount:WindowSeconds"] = Window,
        });

        // Three addresses, the e-mail typed three ways: one account.
        string[] typed = ["admin@sandviken.example", " ADMIN@sandviken.example ", "Admin@Sandviken.Example"];
        for (var i = 0; i < 3; i++)
        {
            using var client = portal.ClientFrom($"203.0.113.{i + 1}");
            using var answered = await client.SignInAsync(typed[i], "fel lösenord helt enkelt");
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        using var fourth = portal.ClientFrom("203.0.113.4");
        using var refused = await fourth.SignInAsync("admin@sandviken.example");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);

        // The same address signs in to another account.
        Assert.Equal(HttpStatusCode.Redirect, (await fourth.SignInAsync("politiker@sandviken.example")).StatusCode);
    }

    [Fact]
    public async Task One_address_spends_only_its_own_share_of_an_accounts_tries_and_cannot_lock_out_the_owner()
    {
        await using var portal = new KestrelPortal(new Dictionary<string, string?>
        {
            ["RateLimits:SignInPerAccountAndAddress:PermitLimit"] = "4",
            ["RateLimits:SignInPerAccountAndAddress:WindowSeconds"] = Window,
        });
        using var attacker = portal.ClientFrom("192.0.2.66");

        // Four wrong tries from one address: one short of Identity's lockout; the fifth and later ones never reach it.
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await attacker.SignInAsync("admin@sandviken.example", "en gissning till")).StatusCode);
        }

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, (await attacker.SignInAsync("admin@sandviken.example", "en gissning till")).StatusCode);
        }

        using var owner = portal.ClientFrom("192.0.2.10");
        using var signedIn = await owner.SignInAsync("admin@sandviken.example");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/arbetsyta", signedIn.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task The_hubs_negotiate_has_a_budget_per_address()
    {
        await using var portal = new KestrelPortal(new Dictionary<string, string?>
        {
            ["RateLimits:HubNegotiatePerAddress:PermitLimit"] = "2",
            ["RateLimits:HubNegotiatePerAddress:WindowSeconds"] = Window,
        });
        using var client = portal.ClientFrom("198.51.100.20");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", content: null);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(response.Headers.RetryAfter?.Delta);
                Assert.Contains("För många anslutningar", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        // Anonymous, so refused anyway (401) while within the budget; 429 beyond it.
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        // A WebSocket opened without negotiating (SignalR allows it) is a new connection too.
        var direct = await BlazorHubClient.ConnectAsync(portal.Address, cookies: null, connectionToken: null, forwardedFor: "198.51.100.20");
        Assert.Equal(HttpStatusCode.TooManyRequests, direct.Status);
        using var other = portal.ClientFrom("198.51.100.21");
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.PostAsync("/_blazor/negotiate?negotiateVersion=1", content: null)).StatusCode);
    }

    [Fact]
    public async Task Public_pages_have_a_budget_per_address_and_health_stays_outside_it()
    {
        await using var portal = new KestrelPortal(new Dictionary<string, string?>
        {
            ["RateLimits:PagesPerClient:PermitLimit"] = "3",
            ["RateLimits:PagesPerClient:WindowSeconds"] = Window,
        });
        using var client = portal.ClientFrom("198.51.100.30");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/organisationer")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/beslutsstatus.csv")).StatusCode);
        using var refused = await client.GetAsync("/");
        var html = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        HtmlAssert.ContainsText("För många förfrågningar", html);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        // A not-found page is counted once, not again for the page that explains it.
        using var other = portal.ClientFrom("198.51.100.31");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/finns-inte")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await other.GetAsync("/")).StatusCode);
    }

    [Theory]
    [InlineData(1, "1 sekund")]
    [InlineData(45, "45 sekunder")]
    [InlineData(60, "1 minut")]
    [InlineData(61, "2 minuter")]
    [InlineData(900, "15 minuter")]
    public void The_wait_is_told_in_whole_seconds_or_minutes_rounded_up(int seconds, string told) =>
        Assert.Equal(told, TooManyRequestsPage.Wait(seconds));

    [Fact]
    public async Task An_unknown_account_costs_a_password_hash_like_a_known_one()
    {
        var hasher = new CountingPasswordHasher();
        await using var portal = new HashCountingPortal(hasher);
        using var client = portal.CreateCookieClient();

        var before = hasher.Verifications;
        await client.SignInAsync("finns-inte@sandviken.example", "fel lösenord helt enkelt");
        var unknown = hasher.Verifications - before;

        before = hasher.Verifications;
        await client.SignInAsync("tjansteperson@sandviken.example", "fel lösenord helt enkelt");
        var known = hasher.Verifications - before;

        Assert.Equal(1, known);
        Assert.Equal(known, unknown);
    }

    /// <summary>Identity's own hasher, with its password checks counted.</summary>
    private sealed class CountingPasswordHasher : IPasswordHasher<PortalUser>
    {
        private readonly PasswordHasher<PortalUser> inner = new();
        private int verifications;

        public int Verifications => Volatile.Read(ref verifications);

        public string HashPassword(PortalUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(PortalUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    private sealed class HashCountingPortal(CountingPasswordHasher hasher) : PortalFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IPasswordHasher<PortalUser>>(hasher));
        }
    }
}
