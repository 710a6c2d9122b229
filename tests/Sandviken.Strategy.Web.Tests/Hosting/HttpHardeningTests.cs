using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Hosting;

public sealed class HttpHardeningTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/beslutsstatus.csv")]
    [InlineData("/health")]
    [InlineData("/omraden/finns-inte")]
    public async Task Every_answer_forbids_framing_and_content_sniffing(string url)
    {
        using var client = portal.CreateClient();

        using var response = await client.GetAsync(url);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task Behind_a_trusted_TLS_proxy_the_cookies_are_secure(bool reverseProxyEnabled, bool expectSecure)
    {
        await using var own = new PortalFactory();
        own.Settings["ReverseProxy:Enabled"] = reverseProxyEnabled ? "true" : "false";
        own.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        own.StartServer();
        var address = own.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/konto/logga-in");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "192.0.2.10");

        using var response = await client.SendAsync(request);

        var antiforgery = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Equal(expectSecure, antiforgery.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }
}
