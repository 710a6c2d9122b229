using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Sandviken.Strategy.Domain.Feeds;
using Sandviken.Strategy.Web.OpenData;

namespace Sandviken.Strategy.Web.Feeds;

/// <summary>
/// Atom 1.0 (RFC 4287) of recorded decisions and the versions they froze, latest first. Each entry's id is a name-based
/// UUID of the organisation, budget year and version number, so it never changes; every link is absolute.
/// </summary>
internal static class DecisionAtomFeed
{
    public const string ContentType = "application/atom+xml; charset=utf-8";

    public static byte[] Write(DecisionFeedModel model, OpenDataOptions options, HttpRequest request, DateTimeOffset now)
    {
        var self = options.Absolute(request, model.Organisation is { } o ? FeedTexts.OrganisationFeedPath(o.Slug) : FeedTexts.MunicipalityFeedPath);
        var page = options.Absolute(request, model.Organisation is { } p ? $"/organisationer/{Uri.EscapeDataString(p.Slug)}" : "/");
        var items = model.Entries.Select(entry => Item(model.MunicipalityCode, entry, options, request)).ToList();
        var feed = new SyndicationFeed(items)
        {
            Id = StableIds.UrnOf(model.Organisation is { } f ? $"{model.MunicipalityCode}/{f.Slug}/beslut" : $"{model.MunicipalityCode}/beslut"),
            Title = new TextSyndicationContent(model.Organisation is { } t
                ? FeedTexts.OrganisationFeedTitle(t.Name)
                : FeedTexts.MunicipalityFeedTitle(model.MunicipalityName)),
            Description = new TextSyndicationContent(
                "Beslut om utkast (april) och slutgiltiga beslut (september) som har registrerats i portalen, med den version av planen som varje beslut frös."),
            Language = "sv",
            // An empty feed changes when its first decision is recorded; until then "now" is as true as anything.
            LastUpdatedTime = items.Count > 0 ? items.Max(i => i.LastUpdatedTime) : now,
        };
        feed.Links.Add(new SyndicationLink(self, "self", null, "application/atom+xml", 0));
        feed.Links.Add(SyndicationLink.CreateAlternateLink(page, "text/html"));
        feed.Authors.Add(new SyndicationPerson(null, options.PublisherName, options.BaseFor(request).AbsoluteUri));

        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }

        return buffer.ToArray();
    }

    private static SyndicationItem Item(string municipalityCode, DecisionEntry entry, OpenDataOptions options, HttpRequest request)
    {
        var recorded = new DateTimeOffset(DateTime.SpecifyKind(entry.RecordedAtUtc, DateTimeKind.Utc));
        var item = new SyndicationItem
        {
            Id = StableIds.UrnOf($"{municipalityCode}/{entry.OrganisationSlug}/{entry.BudgetYear}/version/{entry.VersionNumber}"),
            Title = new TextSyndicationContent(FeedTexts.EntryTitle(entry)),
            Summary = new TextSyndicationContent(FeedTexts.EntrySummary(entry)),
            // A decision is recorded once and never changed (IWriteOnce): published and updated are the same instant.
            PublishDate = recorded,
            LastUpdatedTime = recorded,
        };
        item.Links.Add(SyndicationLink.CreateAlternateLink(
            options.Absolute(request, $"/organisationer/{Uri.EscapeDataString(entry.OrganisationSlug)}/{entry.BudgetYear}"), "text/html"));
        return item;
    }
}
