using System.Text.RegularExpressions;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Hosting;

/// <summary>What a first visit to a public page transfers: compressed HTML and assets, Swedish letters as UTF-8.</summary>
public sealed partial class PublicPageTransferTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    public static TheoryData<string> PublicAddresses =>
    [
        "/",
        "/omraden/vaxa-for-framtiden",
        "/organisationer",
        "/organisationer/kunskapsnamnden/2025",
        "/beslutsstatus",
    ];

    [Theory]
    [MemberData(nameof(PublicAddresses))]
    public async Task The_page_and_every_stylesheet_and_script_it_loads_come_compressed_within_the_first_visit_budget(string address)
    {
        using var client = portal.CreateClient();
        var html = await client.GetStringAsync(address);

        using var page = await GetCompressedAsync(client, address);
        Assert.Equal("br", Assert.Single(page.Content.Headers.ContentEncoding));
        long total = (await page.Content.ReadAsByteArrayAsync()).Length;

        var assets = AssetRegex().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(assets);
        foreach (var asset in assets)
        {
            using var response = await GetCompressedAsync(client, "/" + asset);
            response.EnsureSuccessStatusCode();
            // A plain build carries gzip variants; a published one brotli as well (docs/performance.md measures that).
            Assert.True(response.Content.Headers.ContentEncoding.Count == 1, $"{asset} was sent uncompressed.");
            total += (await response.Content.ReadAsByteArrayAsync()).Length;
        }

        // Issue 7's budget for a first visit is 110 KB with brotli; gzip, which this build serves, is larger still.
        Assert.True(total <= 110 * 1024, $"A first visit to {address} transfers {total} bytes.");
    }

    [Theory]
    [MemberData(nameof(PublicAddresses))]
    public async Task Public_pages_load_only_the_portal_script_and_MudBlazors_stylesheet_as_own_asset(string address)
    {
        using var client = portal.CreateClient();
        var html = await client.GetStringAsync(address);

        var scripts = ScriptRegex().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal("portal", Assert.Single(scripts).Split('.')[0]);
        Assert.DoesNotContain("importmap", html, StringComparison.Ordinal);
        Assert.Contains("vendor/mudblazor/MudBlazor.min.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Swedish_letters_are_written_as_UTF8_not_as_entities()
    {
        using var client = portal.CreateClient();

        var html = await client.GetStringAsync("/omraden/vaxa-for-framtiden");

        Assert.Contains("Växa för framtiden", html, StringComparison.Ordinal);
        Assert.Contains("Kommunfullmäktige", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("&#x(E4|F6|E5|C4|D6|C5|2013);", html);
    }

    [Fact]
    public async Task Over_HTTPS_only_anonymous_public_pages_are_compressed_never_a_page_with_a_token()
    {
        using var client = portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
        });

        using var publicPage = await GetCompressedAsync(client, "/organisationer");
        using var signInPage = await GetCompressedAsync(client, "/konto/logga-in");

        Assert.Equal("br", Assert.Single(publicPage.Content.Headers.ContentEncoding));
        // The sign-in form holds an antiforgery token: compressing it over HTTPS would open it to BREACH.
        Assert.Empty(signInPage.Content.Headers.ContentEncoding);
        Assert.Contains("__RequestVerificationToken", await signInPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_visitors_public_page_holds_a_token_and_is_never_compressed()
    {
        using var client = portal.CreateCookieClient();
        (await client.SignInAsync("politiker@sandviken.example")).Dispose();

        using var page = await GetCompressedAsync(client, "/organisationer");

        Assert.Empty(page.Content.Headers.ContentEncoding);
        Assert.Contains("__RequestVerificationToken", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> GetCompressedAsync(HttpClient client, string address)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, address);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");
        return client.SendAsync(request);
    }

    [GeneratedRegex("<(?:link rel=\"stylesheet\"|script)[^>]*(?:href|src)=\"([^\"]+)\"")]
    private static partial Regex AssetRegex();

    [GeneratedRegex("<script[^>]*src=\"([^\"]+)\"")]
    private static partial Regex ScriptRegex();
}
