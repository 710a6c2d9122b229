using System.Globalization;
using System.Net;
using System.Text;
using CsCheck;
using Sandviken.Strategy.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Sandviken.Strategy.Web.Tests.Properties;

/// <summary>
/// Generated addresses for the public routes over HTTP (the real portal in process, on its demo data, with the output
/// cache off so that every request is rendered): years, filters, slugs and junk keys as a person or a scanner might
/// type them. The portal answers each with a page or a Swedish 4xx, never a 5xx.
/// </summary>
public sealed class PublicQueryFuzzTests : IClassFixture<PublicQueryFuzzTests.ColdPortal>
{
    /// <summary>How many generated addresses the test requests.</summary>
    public const int Requests = 3_000;

    private static readonly string[] Slugs =
    [
        "vaxa-for-framtiden", "minskad-klimatpaverkan", "utbildning-som-gor-skillnad", "en-kommun-att-trivas-i",
        "kunskapsnamnden", "sandvikens-stadshus-ab", "sandvikenhus-ab", "kommunstyrelsen",
    ];

    private static readonly string[] Templates =
    [
        "/", "/omraden/{slug}", "/organisationer", "/organisationer/{slug}", "/organisationer/{slug}/{year}",
        "/beslutsstatus", "/beslutsstatus.csv", "/tillganglighet", "/konto/logga-in", "/hittades-inte", "/{slug}",
    ];

    /// <summary>Values as typed, each to be sent raw (already an address) or percent-encoded.</summary>
    private static readonly Gen<string> Values = Gen.Frequency(
        (4, Gen.Int[1890, 2110].Select(y => y.ToString(CultureInfo.InvariantCulture))),
        (3, Gen.OneOf(
            "2026%00", "02026", "2026.0", "2026%20", "%202026", "2026%2C2025", "2026&ar=2025", "٢٠٢٦", "２０２６", "-0", "+2026", "0x7EA", "1e3", "",
            "%", "%%", "%zz", "%C3%28", "%FF%FE", "%E3%80%80", "%0D%0ASet-Cookie:x=1", "%3Cscript%3Ealert(1)%3C/script%3E", "'%20OR%201=1--",
            "..%2F..%2Fetc%2Fpasswd", "%2e%2e/%2e%2e/", "http://127.0.0.1/", "//evil.example", "alla", "namnder", "bolag", "ALLA", "Nämnder",
            "2147483647", "2147483648", "-2147483649", "99999999999999999999", "0", "9999", "NaN", "null", "undefined", "[]", "{}")),
        (2, Gen.Int.Select(i => i.ToString(CultureInfo.InvariantCulture))),
        (3, Gen.String.Select(s => Uri.EscapeDataString(Repaired(s)))),
        (1, Gen.Int[1, 20_000].Select(n => new string('9', n))),
        (1, Gen.Char['\u0000', '\u00ff'].Array[1, 30].Select(cs => Uri.EscapeDataString(new string(cs)))));

    private static readonly Gen<string> Keys = Gen.Frequency(
        (6, Gen.OneOf("ar", "visa", "AR", "Ar", "ReturnUrl", "returnUrl", "ar[]", "ar%00", "visa ", "handler", "__RequestVerificationToken", "_framework")),
        (2, Gen.String[Gen.Char['a', 'z'], 1, 10]),
        (1, Gen.String.Select(s => Uri.EscapeDataString(Repaired(s)))));

    private static readonly Gen<string> Addresses = Gen.Select(
        Gen.OneOf(Templates),
        Gen.Frequency((4, Gen.OneOf(Slugs)), (1, Values)),
        Gen.Frequency((3, Gen.Int[2020, 2030].Select(y => y.ToString(CultureInfo.InvariantCulture))), (1, Values)),
        Gen.Select(Keys, Values, (key, value) => key + "=" + value).Array[0, 4],
        (template, slug, year, query) =>
        {
            var path = template.Replace("{slug}", slug.Length == 0 ? "x" : slug, StringComparison.Ordinal).Replace("{year}", year.Length == 0 ? "0" : year, StringComparison.Ordinal);
            // The in-process test server throws on a NUL in the path (Kestrel answers 400): NUL is tried in the query.
            path = path.Replace("%00", "", StringComparison.OrdinalIgnoreCase);
            return query.Length == 0 ? path : path + "?" + string.Join("&", query);
        });

    private readonly HttpClient client;

    private readonly ITestOutputHelper output;

    public PublicQueryFuzzTests(ColdPortal portal, ITestOutputHelper output)
    {
        client = portal.CreateClient(new() { AllowAutoRedirect = false });
        this.output = output;
    }

    [Fact]
    public async Task Generated_public_addresses_never_give_a_server_error()
    {
        var statuses = new Dictionary<HttpStatusCode, int>();

        await Addresses.SampleAsync(
            async address =>
            {
                // Absolute, so that a path such as "///evil.example" stays a path on the portal.
                using var response = await client.GetAsync(new Uri(client.BaseAddress!.GetLeftPart(UriPartial.Authority) + address, UriKind.Absolute));
                var status = response.StatusCode;
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                Assert.True((int)status < 500, $"{address} answered {(int)status}.");
            },
            iter: Requests,
            threads: 1,
            print: address => address.Length > 500 ? address[..500] + "…" : address);

        output.WriteLine(string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(int)s.Key}: {s.Value}")));
        Assert.Equal(Requests, statuses.Values.Sum());
        // The generator reaches the pages themselves, not only their error pages.
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.OK) > Requests / 10, "Too few generated addresses found a page.");
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.NotFound) + statuses.GetValueOrDefault(HttpStatusCode.BadRequest) > Requests / 10, "Too few were refused.");
    }

    /// <summary>The text with every unpaired surrogate replaced, so that it can be percent-encoded as UTF-8.</summary>
    private static string Repaired(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            builder.Append(rune.ToString());
        }

        return builder.ToString();
    }

    /// <summary>The portal with its output cache off: every request reaches the page and the database.</summary>
    public sealed class ColdPortal : PortalFactory
    {
        public ColdPortal() => Settings["PublicCache:Enabled"] = "false";
    }
}
