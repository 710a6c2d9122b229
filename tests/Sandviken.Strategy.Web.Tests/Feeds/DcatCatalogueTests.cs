using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Domain.Data;
using static Sandviken.Strategy.Web.Tests.Feeds.RdfGraph;

namespace Sandviken.Strategy.Web.Tests.Feeds;

/// <summary>
/// /datasets/dcat, read by rdfxml-streaming-parser: every property DCAT-AP-SE makes mandatory, absolute IRIs only, no
/// blank node for the resources that Sweden's open-data portal asks to be named, and configuration rather than defaults.
/// </summary>
[Collection(FeedsOnKestrel.Name)]
public sealed class DcatCatalogueTests(FeedsPortal portal)
{
    private const string Path = "/datasets/dcat";

    private async Task<RdfGraph> CatalogueAsync() =>
        RdfGraph.From(await NodeParsers.RdfXmlAsync(await portal.GetBytesAsync(Path, "application/rdf+xml")));

    [Fact]
    public async Task The_catalogue_has_a_title_description_publisher_licence_and_datasets()
    {
        var graph = await CatalogueAsync();

        var catalogue = Assert.Single(graph.OfType(Dcat + "Catalog"));
        Assert.Equal(new Uri(portal.Address, Path).AbsoluteUri, catalogue.Value);
        AssertSwedishText(graph, catalogue, Dcterms + "title");
        AssertSwedishText(graph, catalogue, Dcterms + "description");
        Assert.Equal(Iri(PublisherIri), Assert.Single(graph.Objects(catalogue, Dcterms + "publisher")));
        Assert.Equal(Iri(FeedsPortal.Licence), Assert.Single(graph.Objects(catalogue, Dcterms + "license")));
        var datasets = graph.Objects(catalogue, Dcat + "dataset");
        Assert.NotEmpty(datasets);
        Assert.Equal(graph.OfType(Dcat + "Dataset").OrderBy(d => d.Value), datasets.OrderBy(d => d.Value));
    }

    [Fact]
    public async Task Each_dataset_has_a_title_description_publisher_and_contact_point()
    {
        var graph = await CatalogueAsync();

        foreach (var dataset in graph.OfType(Dcat + "Dataset"))
        {
            AssertSwedishText(graph, dataset, Dcterms + "title");
            AssertSwedishText(graph, dataset, Dcterms + "description");
            Assert.Equal(Iri(PublisherIri), Assert.Single(graph.Objects(dataset, Dcterms + "publisher")));
            var contact = Assert.Single(graph.Objects(dataset, Dcat + "contactPoint"));
            Assert.True(contact.IsIri);
            Assert.NotEmpty(graph.Objects(dataset, Dcat + "keyword"));
            Assert.NotEmpty(graph.Objects(dataset, Dcat + "distribution"));
        }
    }

    [Fact]
    public async Task Each_distribution_has_an_access_url_and_a_format_iri()
    {
        var graph = await CatalogueAsync();
        var distributions = graph.OfType(Dcat + "Distribution");

        Assert.NotEmpty(distributions);
        foreach (var distribution in distributions)
        {
            var access = Assert.Single(graph.Objects(distribution, Dcat + "accessURL"));
            Assert.True(access.IsIri, distribution.Value);
            var format = Assert.Single(graph.Objects(distribution, Dcterms + "format"));
            Assert.True(format.IsIri, distribution.Value);
            Assert.StartsWith("http://publications.europa.eu/resource/authority/file-type/", format.Value, StringComparison.Ordinal);
            Assert.Equal(Iri(FeedsPortal.Licence), Assert.Single(graph.Objects(distribution, Dcterms + "license")));
        }

        // Every distribution belongs to a dataset.
        var listed = graph.OfType(Dcat + "Dataset").SelectMany(d => graph.Objects(d, Dcat + "distribution")).ToHashSet();
        Assert.All(distributions, d => Assert.Contains(d, listed));
    }

    [Fact]
    public async Task The_api_distribution_points_at_the_api_and_conforms_to_its_openapi_document()
    {
        var graph = await CatalogueAsync();

        var api = Assert.Single(graph.OfType(Dcat + "Distribution"),
            d => graph.Objects(d, Dcat + "accessURL").Contains(Iri(new Uri(portal.Address, "/api/v1").AbsoluteUri)));
        Assert.Equal(Iri("http://publications.europa.eu/resource/authority/file-type/JSON"), Assert.Single(graph.Objects(api, Dcterms + "format")));
        Assert.Equal(Iri(new Uri(portal.Address, "/openapi/v1.json").AbsoluteUri), Assert.Single(graph.Objects(api, Dcterms + "conformsTo")));
    }

    [Fact]
    public async Task The_api_is_also_a_data_service_that_serves_the_dataset()
    {
        var graph = await CatalogueAsync();

        var service = Assert.Single(graph.OfType(Dcat + "DataService"));
        Assert.True(service.IsIri);
        AssertSwedishText(graph, service, Dcterms + "title");
        Assert.Equal(Iri(new Uri(portal.Address, "/api/v1").AbsoluteUri), Assert.Single(graph.Objects(service, Dcat + "endpointURL")));
        Assert.Equal(Iri(new Uri(portal.Address, "/openapi/v1.json").AbsoluteUri), Assert.Single(graph.Objects(service, Dcat + "endpointDescription")));
        Assert.Equal(graph.OfType(Dcat + "Dataset"), graph.Objects(service, Dcat + "servesDataset"));
        Assert.Equal(Iri(PublisherIri), Assert.Single(graph.Objects(service, Dcterms + "publisher")));
        var catalogue = Assert.Single(graph.OfType(Dcat + "Catalog"));
        Assert.Equal(service, Assert.Single(graph.Objects(catalogue, Dcat + "service")));
        Assert.Contains(graph.OfType(Dcat + "Distribution"), d => graph.Objects(d, Dcat + "accessService").Contains(service));
    }

    [Fact]
    public async Task Every_budget_year_with_a_planning_cycle_has_a_csv_distribution()
    {
        var years = await WithDbAsync(db => db.PlanningCycles.Select(c => c.BudgetYear).Distinct().ToListAsync());
        var graph = await CatalogueAsync();

        Assert.NotEmpty(years);
        foreach (var year in years)
        {
            var csv = Iri(new Uri(portal.Address, $"/api/v1/years/{year}/goals.csv").AbsoluteUri);
            var distribution = Assert.Single(graph.OfType(Dcat + "Distribution"), d => graph.Objects(d, Dcat + "downloadURL").Contains(csv));
            Assert.Equal(csv, Assert.Single(graph.Objects(distribution, Dcat + "accessURL")));
            Assert.Equal(Iri("http://publications.europa.eu/resource/authority/file-type/CSV"), Assert.Single(graph.Objects(distribution, Dcterms + "format")));
            Assert.Equal(Iri("https://www.iana.org/assignments/media-types/text/csv"), Assert.Single(graph.Objects(distribution, Dcat + "mediaType")));
        }

        Assert.Equal(years.Count + 1, graph.OfType(Dcat + "Distribution").Count);
    }

    [Fact]
    public async Task The_contact_point_is_a_vcard_with_the_configured_name_and_mailto_address()
    {
        var graph = await CatalogueAsync();

        var contact = Assert.Single(graph.OfType(Vcard + "Organization"));
        Assert.Equal(FeedsPortal.ContactName, Assert.Single(graph.Objects(contact, Vcard + "fn")).Value);
        Assert.Equal(Iri("mailto:" + FeedsPortal.ContactEmail), Assert.Single(graph.Objects(contact, Vcard + "hasEmail")));
        Assert.All(graph.OfType(Dcat + "Dataset"), d => Assert.Equal(contact, Assert.Single(graph.Objects(d, Dcat + "contactPoint"))));
        // The portal keeps contacts and publishers apart: never the same IRI.
        Assert.NotEqual(PublisherIri, contact.Value);
    }

    [Fact]
    public async Task The_publisher_is_a_foaf_agent_named_by_its_organisation_number()
    {
        var graph = await CatalogueAsync();

        var publisher = Assert.Single(graph.OfType(Foaf + "Agent"));
        Assert.Equal(Iri("http://dataportal.se/organisation/SE2120009999"), publisher);
        Assert.Equal(FeedsPortal.PublisherName, Assert.Single(graph.Objects(publisher, Foaf + "name")).Value);
    }

    [Fact]
    public async Task Every_iri_is_absolute_and_no_named_resource_is_a_blank_node()
    {
        var graph = await CatalogueAsync();

        Assert.DoesNotContain(graph.Triples, t => t.Subject.TermType == "BlankNode" || t.Value.TermType == "BlankNode");
        foreach (var iri in graph.Triples.SelectMany(t => new[] { t.Subject, t.Value }).Where(t => t.IsIri).Select(t => t.Value).Distinct())
        {
            Assert.True(Uri.TryCreate(iri, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto", $"Not an absolute IRI: {iri}");
        }

        foreach (var type in new[] { Dcat + "Catalog", Dcat + "Dataset", Dcat + "Distribution", Dcat + "DataService", Foaf + "Agent", Vcard + "Organization" })
        {
            Assert.NotEmpty(graph.OfType(type));
            Assert.All(graph.OfType(type), subject => Assert.True(subject.IsIri, type));
        }
    }

    [Fact]
    public async Task The_catalogue_is_cached_readable_from_any_origin_and_answers_head()
    {
        using var client = portal.Client();
        await portal.Services.GetRequiredService<IPublicContentListener>().PublicContentChangedAsync();
        using var first = new HttpRequestMessage(HttpMethod.Get, Path);
        first.Headers.Add("Origin", "https://annan-webbplats.example");
        using var firstResponse = await client.SendAsync(first);
        using var second = await client.GetAsync(Path);
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, Path));

        Assert.Equal("*", Assert.Single(firstResponse.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.True(second.Headers.Contains("Age"), "The second request is served from the cache.");
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task With_a_public_base_address_every_own_iri_is_built_on_it()
    {
        await using var behindProxy = new Infrastructure.KestrelPortal(new Dictionary<string, string?>
        {
            ["OpenData:PublicBaseUrl"] = "https://strategi.testkommun.example",
        });
        using var client = behindProxy.ClientFrom(null);
        var document = await client.GetByteArrayAsync(Path);

        var graph = RdfGraph.From(await NodeParsers.RdfXmlAsync(document));

        var catalogue = Assert.Single(graph.OfType(Dcat + "Catalog"));
        Assert.Equal("https://strategi.testkommun.example/datasets/dcat", catalogue.Value);
        Assert.Equal(Iri("https://strategi.testkommun.example/api/v1"),
            Assert.Single(graph.Triples, t => t.Predicate == Dcat + "accessURL" && t.Value.Value.EndsWith("/api/v1", StringComparison.Ordinal)).Value);
        Assert.DoesNotContain(graph.Triples, t => t.Value.Value.Contains(behindProxy.Address.Authority, StringComparison.Ordinal));
    }

    private const string PublisherIri = "http://dataportal.se/organisation/SE2120009999";

    private static void AssertSwedishText(RdfGraph graph, RdfTerm subject, string predicate)
    {
        var text = Assert.Single(graph.Objects(subject, predicate), o => o.Language == "sv");
        Assert.Equal("Literal", text.TermType);
        Assert.False(string.IsNullOrWhiteSpace(text.Value), $"{predicate} of {subject.Value} is empty.");
    }

    private async Task<T> WithDbAsync<T>(Func<StrategyDbContext, Task<T>> read)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<StrategyDbContext>>().CreateDbContextAsync();
        return await read(db);
    }
}
