using System.Net;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Feeds;

/// <summary>
/// The portal on real Kestrel with open-data settings that differ from the defaults, so that a test sees the configured
/// publisher, licence and contact and not built-in ones. IRIs come from the request's own host (no public base address).
/// </summary>
public sealed class FeedsPortal : IAsyncDisposable
{
    public const string PublisherName = "Testkommunen i Gästrikland";
    public const string OrganisationNumber = "212000-9999";
    public const string Licence = "http://creativecommons.org/publicdomain/zero/1.0/";
    public const string ContactName = "Testkommunens öppna data-grupp";
    public const string ContactEmail = "oppnadata@testkommun.example";

    private static readonly Dictionary<string, string?> Configured = new()
    {
        ["OpenData:PublisherName"] = PublisherName,
        ["OpenData:PublisherOrganisationNumber"] = OrganisationNumber,
        ["OpenData:LicenceUri"] = Licence,
        ["OpenData:ContactName"] = ContactName,
        ["OpenData:ContactEmail"] = ContactEmail,
    };

    public KestrelPortal Portal { get; } = new(Configured);

    public Uri Address => Portal.Address;

    public IServiceProvider Services => Portal.Services;

    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock => Portal.Clock;

    public HttpClient Client() => Portal.ClientFrom(null);

    public ValueTask DisposeAsync() => Portal.DisposeAsync();

    public async Task<byte[]> GetBytesAsync(string path, string expectedMediaType)
    {
        using var client = Client();
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode}");
        Assert.Equal(expectedMediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        return body;
    }
}

[CollectionDefinition(Name)]
public sealed class FeedsOnKestrel : ICollectionFixture<FeedsPortal>
{
    public const string Name = "Feeds on Kestrel";
}
