using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Feeds;

/// <summary>A new deployment without demo data: no decision is recorded yet, and every document is still valid.</summary>
public sealed class EmptyPortalFeedTests
{
    [Fact]
    public async Task Without_decisions_the_feed_is_empty_and_the_calendar_and_catalogue_still_parse()
    {
        await using var portal = new KestrelPortal(new Dictionary<string, string?>()) { IncludeDemoData = false };
        using var client = portal.ClientFrom(null);

        var feed = await NodeParsers.AtomAsync(await client.GetByteArrayAsync("/floden/beslut.atom"));
        var calendar = await NodeParsers.ICalendarAsync(await client.GetByteArrayAsync("/floden/planering.ics"));
        var catalogue = RdfGraph.From(await NodeParsers.RdfXmlAsync(await client.GetByteArrayAsync("/datasets/dcat")));

        Assert.Empty(feed.GetProperty("entries").EnumerateArray());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, feed.GetProperty("meta").GetProperty("updated").ValueKind);
        // The municipality's own seed has its planning cycles, so the deadlines are there without any plan.
        Assert.NotEmpty(calendar.GetProperty("events").EnumerateArray());
        Assert.Single(catalogue.OfType(RdfGraph.Dcat + "Catalog"));
    }
}
