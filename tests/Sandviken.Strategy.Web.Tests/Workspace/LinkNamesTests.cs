using AngleSharp.Html.Parser;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Workspace;

/// <summary>Issue 8, item 6: a link's words lead to one place, so the header's and the administration's links differ.</summary>
public sealed class LinkNamesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/organisationer")]
    [InlineData("/admin/anvandare")]
    [InlineData("/admin/planeringsomgangar")]
    [InlineData("/admin/mandatperioder")]
    [InlineData("/admin/kolada")]
    [InlineData("/admin/att-atgarda")]
    public async Task On_an_administrators_page_links_with_the_same_words_lead_to_the_same_place(string url)
    {
        using var admin = portal.CreateCookieClient();
        await admin.SignInAsync("admin@sandviken.example");

        var links = LinksOf(await admin.GetPageAsync(url));

        var ambiguous = links.GroupBy(l => l.Text)
            .Where(g => g.Select(l => l.Href).Distinct().Count() > 1)
            .Select(g => $"”{g.Key}” → {string.Join(", ", g.Select(l => l.Href).Distinct())}")
            .ToList();
        Assert.True(ambiguous.Count == 0, $"On {url}: " + string.Join("; ", ambiguous));
        Assert.Contains(("Nämnder och bolag", "/organisationer"), links);
    }

    [Fact]
    public async Task The_administration_page_names_its_link_to_the_organisations_Hantera_namnder_och_bolag()
    {
        using var admin = portal.CreateCookieClient();
        await admin.SignInAsync("admin@sandviken.example");

        var links = LinksOf(await admin.GetPageAsync("/admin"));
        var organisationsPage = await admin.GetPageAsync("/admin/organisationer");

        Assert.Contains(("Hantera nämnder och bolag", "/admin/organisationer"), links);
        Assert.Equal("Hantera nämnder och bolag", new HtmlParser().ParseDocument(organisationsPage).QuerySelector("h1")?.TextContent.Trim());
    }

    private static List<(string Text, string Href)> LinksOf(string html) =>
        [.. new HtmlParser().ParseDocument(html).QuerySelectorAll("a[href]")
            .Select(a => (Text: string.Join(' ', a.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), Href: a.GetAttribute("href")!))
            .Where(l => l.Text.Length > 0)];
}
