using System.Net;
using System.Text.RegularExpressions;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Feeds;

/// <summary>The pages name their feeds with &lt;link rel="alternate"&gt; in the head, and show links to follow them.</summary>
[Collection(FeedsOnKestrel.Name)]
public sealed partial class FeedLinkTests(FeedsPortal portal)
{
    private const string MunicipalityFeedTitle = "Beslut om nämndplaner och bolagens strategiska mål – Sandvikens kommun";

    private async Task<string> PageAsync(string path)
    {
        using var client = portal.Client();
        return await client.GetPageAsync(path);
    }

    /// <summary>The Atom links in the page's head, as (href, title).</summary>
    private static List<(string Href, string Title)> AlternateAtomLinks(string html)
    {
        var head = HeadRegex().Match(html);
        Assert.True(head.Success, "The page has no head.");
        return [.. LinkRegex().Matches(head.Groups[1].Value)
            .Select(m => m.Value)
            // The renderer writes "+" as an entity (atom&#x2B;xml): compare what a browser reads.
            .Where(tag => Attribute(tag, "rel") == "alternate" && WebUtility.HtmlDecode(Attribute(tag, "type")) == "application/atom+xml")
            .Select(tag => (WebUtility.HtmlDecode(Attribute(tag, "href")), WebUtility.HtmlDecode(Attribute(tag, "title"))))];
    }

    private static string Attribute(string tag, string name) =>
        Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"") is { Success: true } m ? m.Groups[1].Value : "";

    [Fact]
    public async Task The_start_page_names_the_municipality_feed_in_its_head_and_offers_both_subscriptions()
    {
        var html = await PageAsync("/");

        Assert.Equal([("/floden/beslut.atom", MunicipalityFeedTitle)], AlternateAtomLinks(html));
        Assert.Matches("<a href=\"/floden/beslut\\.atom\" type=\"application/atom(\\+|&#x2B;)xml\">Följ beslut \\(Atom\\)</a>", html);
        Assert.Contains("<a href=\"/floden/planering.ics\" type=\"text/calendar\">Prenumerera på planeringens datum</a>", html, StringComparison.Ordinal);
        HtmlAssert.IsAccessibleStaticPage(html);
    }

    [Fact]
    public async Task The_organisation_list_names_the_municipality_feed_in_its_head()
    {
        var html = await PageAsync("/organisationer");

        Assert.Equal([("/floden/beslut.atom", MunicipalityFeedTitle)], AlternateAtomLinks(html));
        HtmlAssert.ContainsText("Följ beslut (Atom)", html);
    }

    [Fact]
    public async Task An_organisation_page_names_its_own_feed_and_the_municipalitys_in_its_head()
    {
        var html = await PageAsync("/organisationer/kunskapsnamnden");

        Assert.Equal(
            [("/floden/beslut.atom", MunicipalityFeedTitle), ("/organisationer/kunskapsnamnden/beslut.atom", "Beslut om planer – Kunskapsnämnden")],
            AlternateAtomLinks(html));
        HtmlAssert.ContainsText("Följ beslut från Kunskapsnämnden (Atom)", html);
        HtmlAssert.ContainsText("Följ alla beslut i kommunen (Atom)", html);
    }

    [Fact]
    public async Task The_dashboard_offers_the_calendar()
    {
        var html = await PageAsync("/beslutsstatus");

        Assert.Contains("<a href=\"/floden/planering.ics\" type=\"text/calendar\">Prenumerera på planeringens datum</a>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/organisationer/kunskapsnamnden")]
    [InlineData("/beslutsstatus")]
    public async Task Every_feed_a_page_links_to_answers(string path)
    {
        var html = await PageAsync(path);
        using var client = portal.Client();

        var hrefs = FeedHrefRegex().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(hrefs);
        foreach (var href in hrefs)
        {
            using var response = await client.GetAsync(href);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{href} from {path}: {(int)response.StatusCode}");
        }
    }

    [GeneratedRegex("<head>(.*?)</head>", RegexOptions.Singleline)]
    private static partial Regex HeadRegex();

    [GeneratedRegex("<link\\s[^>]*>")]
    private static partial Regex LinkRegex();

    [GeneratedRegex("href=\"([^\"]+\\.(?:atom|ics))\"")]
    private static partial Regex FeedHrefRegex();
}
