using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Sandviken.Strategy.Web.Tests.Infrastructure;

/// <summary>
/// The portal on real Kestrel (a loopback port), as a trusted reverse proxy's back end: a test speaks for any client
/// address through X-Forwarded-For, as nginx would. For the tests of limits, which set their own small budgets.
/// </summary>
public sealed class KestrelPortal : PortalFactory
{
    private Uri? address;

    public KestrelPortal(IReadOnlyDictionary<string, string?> settings)
    {
        Settings["ReverseProxy:Enabled"] = "true";
        foreach (var (key, value) in settings)
        {
            Settings[key] = value;
        }
    }

    public Uri Address => address ??= Start();

    /// <summary>A client with its own cookies, speaking for <paramref name="clientAddress"/> (none: the loopback address itself).</summary>
    public HttpClient ClientFrom(string? clientAddress, CookieContainer? cookies = null)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = Address,
        };
        if (clientAddress is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        }

        return client;
    }

    private Uri Start()
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
        return new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }
}
