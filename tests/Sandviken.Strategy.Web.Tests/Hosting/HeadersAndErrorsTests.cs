using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Web.Identity;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Hosting;

/// <summary>Security headers on error answers too, no 500 from any ReturnUrl, AllowedHosts, no Server header.</summary>
public sealed class HeadersAndErrorsTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    // Odd return addresses: open redirects, control and invisible characters, non-ASCII, overlong, broken escapes.
    private static readonly string[] ReturnUrlList =
    [
        "%2F%E3%80%80%2F%2Fevil.example", "/\u3000/evil.example", "/%E3%80%80", "%2F%2Fevil.example", "/\\evil.example", "/\t/evil.example",
        "https://evil.example/", "//evil.example", "/%0d%0aSet-Cookie:%20x=1", "/\r\nSet-Cookie: x=1", "/\u0000", "/ä/ö?å=1#ü",
        "/\u202Eevil", "/\uFF0F\uFF0Fevil.example", "/%", "/%%zz", "/..%2F..%2F", "javascript:alert(1)", "/" + new string('x', 5000),
        "/arbetsyta?a=\"<script>\"", "/👍", "", " /arbetsyta", "/arbetsyta",
    ];

    public static TheoryData<string> ReturnUrlValues => [.. ReturnUrlList];

    [Fact]
    public async Task An_exception_page_and_a_status_code_page_carry_the_security_headers()
    {
        await using var failing = new FailingPortal();
        using var client = failing.CreateClient();

        using var error = await client.GetAsync("/test-kastar-undantag");
        using var missing = await client.GetAsync("/finns-inte-alls");

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        foreach (var response in new[] { error, missing })
        {
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        }
    }

    [Theory]
    [MemberData(nameof(ReturnUrlValues))]
    public void Every_return_address_gives_a_local_ASCII_path(string value)
    {
        var target = ReturnUrls.LocalOr(value, "/arbetsyta");

        Assert.StartsWith("/", target, StringComparison.Ordinal);
        Assert.False(target.StartsWith("//", StringComparison.Ordinal) || target.StartsWith("/\\", StringComparison.Ordinal));
        Assert.All(target, c => Assert.InRange(c, '!', '~'));
        Assert.Equal(new Uri("http://localhost/").Host, new Uri(new Uri("http://localhost/"), target).Host);
    }

    [Fact]
    public async Task No_return_address_gives_a_500_on_the_sign_in_and_access_denied_pages_or_after_signing_in()
    {
        using var client = portal.CreateCookieClient();
        foreach (var value in ReturnUrlList)
        {
            var query = "?ReturnUrl=" + Uri.EscapeDataString(value);
            using var signInPage = await client.GetAsync("/konto/logga-in" + query);
            using var deniedPage = await client.GetAsync("/konto/ingen-behorighet" + query);
            Assert.Equal(HttpStatusCode.OK, signInPage.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, deniedPage.StatusCode);
        }

        // The sign-in itself (five of the worst, as each costs a password check), as reported: a correct sign-in, then 500.
        foreach (var query in new[] { "%2F%E3%80%80%2F%2Fevil.example", "%2F%C3%A4%2F", "%2F%F0%9F%91%8D", "%2F%0D%0AX:%201", "%2F%25%25zz" })
        {
            using var fresh = portal.CreateCookieClient();
            var form = await fresh.GetStringAsync("/konto/logga-in?ReturnUrl=" + query);
            using var response = await fresh.PostAsync("/konto/logga-in?ReturnUrl=" + query, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "logga-in",
                ["__RequestVerificationToken"] = Browserless.TokenIn(form),
                ["Input.Email"] = "politiker@sandviken.example",
                ["Input.Password"] = Browserless.DemoPassword,
            }));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("localhost", response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.Host : "localhost");
        }
    }

    [Fact]
    public async Task With_AllowedHosts_set_another_Host_header_is_refused()
    {
        await using var own = new PortalFactory();
        own.Settings["AllowedHosts"] = "strategi.kommun.example";
        using var client = own.CreateClient();

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/konto/logga-in");
        wrong.Headers.Host = "evil.example";
        using var right = new HttpRequestMessage(HttpMethod.Get, "/konto/logga-in");
        right.Headers.Host = "strategi.kommun.example";

        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(wrong)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(right)).StatusCode);
    }

    [Fact]
    public async Task Kestrel_sends_no_Server_header()
    {
        await using var own = new PortalFactory();
        own.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        own.StartServer();
        using var client = new HttpClient { BaseAddress = new Uri(own.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()) };

        using var page = await client.GetAsync("/");
        using var missing = await client.GetAsync("/finns-inte-alls");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Empty(page.Headers.Server);
        Assert.Empty(missing.Headers.Server);
    }

    /// <summary>The portal with one more address at the end of its pipeline, reached by no page, that throws.</summary>
    private sealed class FailingPortal : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddTransient<IStartupFilter, ThrowingEndFilter>());
        }

        private sealed class ThrowingEndFilter : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                next(app);
                app.Map("/test-kastar-undantag", branch => branch.Run(_ => throw new InvalidOperationException("A fault for the test.")));
            };
        }
    }
}
