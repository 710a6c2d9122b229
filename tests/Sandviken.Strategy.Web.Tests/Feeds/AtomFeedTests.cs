using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Feeds;

namespace Sandviken.Strategy.Web.Tests.Feeds;

/// <summary>The Atom feeds of decisions, read by npm's feedparser from a real Kestrel portal.</summary>
[Collection(FeedsOnKestrel.Name)]
public sealed class AtomFeedTests(FeedsPortal portal)
{
    private const string MunicipalityFeed = "/floden/beslut.atom";

    private async Task<JsonElement> FeedAsync(string path) =>
        await NodeParsers.AtomAsync(await portal.GetBytesAsync(path, "application/atom+xml"));

    private static List<JsonElement> Entries(JsonElement feed) => [.. feed.GetProperty("entries").EnumerateArray()];

    [Fact]
    public async Task The_municipality_feed_holds_every_recorded_decision_latest_first()
    {
        var decisions = await portal.WithDbAsync(db => db.Decisions.CountAsync());

        var entries = Entries(await FeedAsync(MunicipalityFeed));

        Assert.True(decisions > 0, "The demo data has decisions.");
        Assert.Equal(Math.Min(decisions, FeedReader.MaxEntries), entries.Count);
        var updated = entries.Select(e => DateTimeOffset.Parse(e.GetProperty("updated").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(updated.OrderByDescending(u => u), updated);
        Assert.All(entries, e => Assert.StartsWith("urn:uuid:", e.GetProperty("id").GetString(), StringComparison.Ordinal));
        Assert.Equal(entries.Count, entries.Select(e => e.GetProperty("id").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task An_entry_names_the_plan_and_the_decisions_date_body_reference_version_and_sha256()
    {
        var latest = await portal.WithDbAsync(db => db.Decisions
            .OrderByDescending(d => d.RecordedAtUtc).ThenByDescending(d => d.Id)
            .Select(d => new
            {
                d.Plan.Organisation.Name, d.Plan.Organisation.Slug, d.Plan.BudgetYear, d.Kind,
                d.DecidedOn, d.DecidedBy, d.Reference, d.PlanVersion.Number, d.PlanVersion.ContentSha256,
            })
            .FirstAsync());

        var entry = Entries(await FeedAsync(MunicipalityFeed))[0];

        var plan = latest.Kind == DecisionKind.Draft ? "utkast beslutat" : "fastställd";
        Assert.StartsWith($"{latest.Name}: ", entry.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains($" {latest.BudgetYear}", entry.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains(plan, entry.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(new Uri(portal.Address, $"/organisationer/{latest.Slug}/{latest.BudgetYear}").AbsoluteUri, entry.GetProperty("link").GetString());
        var summary = entry.GetProperty("summary").GetString()!;
        Assert.Contains(latest.DecidedOn.ToString("d MMMM yyyy", Swedish.Culture), summary, StringComparison.Ordinal);
        Assert.Contains(latest.DecidedBy, summary, StringComparison.Ordinal);
        Assert.Contains(latest.Reference, summary, StringComparison.Ordinal);
        Assert.Contains($"version {latest.Number} ", summary, StringComparison.Ordinal);
        Assert.Contains(latest.ContentSha256, summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_feed_names_itself_its_page_and_the_configured_publisher()
    {
        var meta = (await FeedAsync(MunicipalityFeed)).GetProperty("meta");

        Assert.Equal("atom", meta.GetProperty("type").GetString());
        Assert.StartsWith("urn:uuid:", meta.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("Beslut om nämndplaner och bolagens strategiska mål – Sandvikens kommun", meta.GetProperty("title").GetString());
        Assert.Equal(new Uri(portal.Address, MunicipalityFeed).AbsoluteUri, meta.GetProperty("xmlUrl").GetString());
        Assert.Equal(new Uri(portal.Address, "/").AbsoluteUri, meta.GetProperty("link").GetString());
        Assert.Equal(FeedsPortal.PublisherName, meta.GetProperty("author").GetString());
        Assert.NotEqual(JsonValueKind.Null, meta.GetProperty("updated").ValueKind);
    }

    [Fact]
    public async Task Entry_and_feed_ids_stay_the_same_across_requests_and_cache_evictions()
    {
        var first = await FeedAsync(MunicipalityFeed);
        await portal.EvictAsync();
        var second = await FeedAsync(MunicipalityFeed);

        Assert.Equal(first.GetProperty("meta").GetProperty("id").GetString(), second.GetProperty("meta").GetProperty("id").GetString());
        // The tests of this collection run one at a time, so nothing was recorded in between.
        Assert.Equal(
            Entries(first).Select(e => e.GetProperty("id").GetString()),
            Entries(second).Select(e => e.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task An_organisation_feed_holds_only_that_organisations_decisions()
    {
        var organisation = await portal.WithDbAsync(db => db.Organisations
            .Where(o => db.Decisions.Any(d => d.Plan.OrganisationId == o.Id))
            .OrderByDescending(o => db.Decisions.Count(d => d.Plan.OrganisationId == o.Id))
            .Select(o => new { o.Slug, o.Name, Decisions = db.Decisions.Count(d => d.Plan.OrganisationId == o.Id) })
            .FirstAsync());

        var feed = await FeedAsync($"/organisationer/{organisation.Slug}/beslut.atom");
        var all = Entries(await FeedAsync(MunicipalityFeed)).Select(e => e.GetProperty("id").GetString()).ToHashSet();

        var entries = Entries(feed);
        Assert.Equal($"Beslut om planer – {organisation.Name}", feed.GetProperty("meta").GetProperty("title").GetString());
        Assert.Equal(new Uri(portal.Address, $"/organisationer/{organisation.Slug}").AbsoluteUri, feed.GetProperty("meta").GetProperty("link").GetString());
        Assert.Equal(organisation.Decisions, entries.Count);
        Assert.All(entries, e =>
        {
            Assert.StartsWith(new Uri(portal.Address, $"/organisationer/{organisation.Slug}/").AbsoluteUri, e.GetProperty("link").GetString(), StringComparison.Ordinal);
            Assert.StartsWith($"{organisation.Name}: ", e.GetProperty("title").GetString(), StringComparison.Ordinal);
        });
        // The same decision has the same id in both feeds.
        Assert.All(entries, e => Assert.Contains(e.GetProperty("id").GetString(), all));
    }

    [Theory]
    [InlineData("/organisationer/finns-inte/beslut.atom")]
    [InlineData("/organisationer/Kunskapsnamnden/beslut.atom")]
    public async Task An_unknown_organisation_has_no_feed(string path)
    {
        using var client = portal.Client();
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Det finns ingen nämnd eller inget bolag", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recorded_decision_is_in_both_feeds_at_once_though_they_were_cached()
    {
        using var client = portal.Client();
        var target = await portal.WithDbAsync(db => db.Plans
            .Where(p => p.Goals.Any() && p.Organisation.IsActive && !p.Decisions.Any(d => d.Kind == DecisionKind.Final))
            .OrderBy(p => p.Id).Select(p => p.Organisation.Slug).FirstAsync());
        foreach (var path in new[] { MunicipalityFeed, $"/organisationer/{target}/beslut.atom" })
        {
            (await client.GetAsync(path)).Dispose();
            using var cached = await client.GetAsync(path);
            Assert.True(cached.Headers.Contains("Age"), $"{path} was not cached before the decision.");
        }

        var (slug, year, _) = await portal.RecordDecisionAsync("§ 77, dnr FLÖDE 2026/7");

        Assert.Equal(target, slug);
        foreach (var path in new[] { MunicipalityFeed, $"/organisationer/{slug}/beslut.atom" })
        {
            var first = Entries(await FeedAsync(path))[0];
            Assert.Contains("§ 77, dnr FLÖDE 2026/7", first.GetProperty("summary").GetString(), StringComparison.Ordinal);
            Assert.Equal(new Uri(portal.Address, $"/organisationer/{slug}/{year}").AbsoluteUri, first.GetProperty("link").GetString());
        }
    }

    [Fact]
    public async Task The_feeds_are_served_from_the_cache_readable_from_any_origin_and_answer_head()
    {
        using var client = portal.Client();
        await portal.EvictAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, MunicipalityFeed);
        request.Headers.Add("Origin", "https://annan-webbplats.example");
        using var first = await client.SendAsync(request);
        using var second = await client.GetAsync(MunicipalityFeed);
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, MunicipalityFeed));

        Assert.Equal("*", Assert.Single(first.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.False(first.Headers.Contains("Set-Cookie"));
        Assert.True(second.Headers.Contains("Age"), "The second request is served from the cache.");
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("application/atom+xml", head.Content.Headers.ContentType?.MediaType);
    }
}
