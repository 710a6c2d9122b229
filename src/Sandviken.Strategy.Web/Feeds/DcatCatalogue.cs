using System.Globalization;
using System.Text;
using System.Xml;
using Sandviken.Strategy.Domain.Feeds;
using Sandviken.Strategy.Web.OpenData;

namespace Sandviken.Strategy.Web.Feeds;

/// <summary>
/// The DCAT-AP-SE catalogue that Sweden's open-data portal harvests, as RDF/XML. Every resource the portal asks to be
/// named (catalogue, dataset, distributions, publisher, contact) has an absolute IRI, never a blank node; the publisher,
/// licence and contact come from <see cref="OpenDataOptions"/> (docs/open-data.md lists the properties covered).
/// </summary>
internal static class DcatCatalogue
{
    public const string ContentType = "application/rdf+xml; charset=utf-8";

    private const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private const string Dcat = "http://www.w3.org/ns/dcat#";
    private const string Dcterms = "http://purl.org/dc/terms/";
    private const string Foaf = "http://xmlns.com/foaf/0.1/";
    private const string Vcard = "http://www.w3.org/2006/vcard/ns#";
    private const string XsdDate = "http://www.w3.org/2001/XMLSchema#date";

    // The EU's controlled vocabularies, as DCAT-AP-SE asks.
    private const string SwedishLanguage = "http://publications.europa.eu/resource/authority/language/SWE";
    private const string GovernmentTheme = "http://publications.europa.eu/resource/authority/data-theme/GOVE";
    private const string PublicAccess = "http://publications.europa.eu/resource/authority/access-right/PUBLIC";
    private const string JsonFormat = "http://publications.europa.eu/resource/authority/file-type/JSON";
    private const string CsvFormat = "http://publications.europa.eu/resource/authority/file-type/CSV";
    private const string LocalAuthority = "http://purl.org/adms/publishertype/LocalAuthority";
    private const string IanaMediaTypes = "https://www.iana.org/assignments/media-types/";

    private static readonly string[] Keywords =
        ["strategiska områden", "nämndplan", "mål", "indikatorer", "uppföljning", "kommunfullmäktige", "styrning"];

    public static byte[] Write(PlanningDatesModel model, OpenDataOptions options, HttpRequest request)
    {
        var catalogue = options.Absolute(request, FeedTexts.CataloguePath).AbsoluteUri;
        string Own(string fragment) => $"{catalogue}#{fragment}";
        var dataset = Own("planer-och-mal");
        var apiDistribution = Own("api");
        var apiService = Own("api-tjanst");
        var contact = Own("kontakt");
        var modified = model.LatestDecisionUtc is { } latest ? DateOnly.FromDateTime(latest) : (DateOnly?)null;
        var years = model.Cycles.Select(c => c.BudgetYear).Distinct().OrderByDescending(y => y).ToList();

        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("rdf", "RDF", Rdf);
            xml.WriteAttributeString("xmlns", "dcat", null, Dcat);
            xml.WriteAttributeString("xmlns", "dcterms", null, Dcterms);
            xml.WriteAttributeString("xmlns", "foaf", null, Foaf);
            xml.WriteAttributeString("xmlns", "vcard", null, Vcard);

            Resource(xml, Dcat, "Catalog", catalogue, () =>
            {
                Text(xml, Dcterms, "title", $"{model.MunicipalityName}: strategisk planering");
                Text(xml, Dcterms, "description",
                    $"Öppna data från {model.MunicipalityName}s portal för strategisk planering: kommunfullmäktiges strategiska områden, " +
                    "nämndernas och de kommunala bolagens beslutade planer med mål, indikatorer och uppföljning.");
                Ref(xml, Dcterms, "publisher", options.PublisherUri.AbsoluteUri);
                Ref(xml, Dcterms, "license", options.LicenceUri.AbsoluteUri);
                Ref(xml, Dcterms, "language", SwedishLanguage);
                Ref(xml, Foaf, "homepage", options.BaseFor(request).AbsoluteUri);
                Date(xml, "modified", modified);
                Ref(xml, Dcat, "dataset", dataset);
                Ref(xml, Dcat, "service", apiService);
            });

            Resource(xml, Foaf, "Agent", options.PublisherUri.AbsoluteUri, () =>
            {
                Plain(xml, Foaf, "name", options.PublisherName);
                Ref(xml, Dcterms, "type", LocalAuthority);
            });

            Resource(xml, Dcat, "Dataset", dataset, () =>
            {
                Text(xml, Dcterms, "title", $"Strategiska områden, nämndplaner och mål – {model.MunicipalityName}");
                Text(xml, Dcterms, "description",
                    "Kommunfullmäktiges strategiska områden med målbilder, nämndernas nämndplaner och bolagens strategiska mål per budgetår: " +
                    "besluten i april (utkast) och september (slutgiltigt), de beslutade versionerna med SHA-256, målen med kopplade områden, " +
                    "indikatorer med värden och uppföljningar, samt beslutsstatus per budgetår.");
                Ref(xml, Dcterms, "publisher", options.PublisherUri.AbsoluteUri);
                Ref(xml, Dcat, "contactPoint", contact);
                foreach (var keyword in Keywords)
                {
                    Text(xml, Dcat, "keyword", keyword);
                }

                Ref(xml, Dcat, "theme", GovernmentTheme);
                Ref(xml, Dcterms, "language", SwedishLanguage);
                Ref(xml, Dcterms, "accessRights", PublicAccess);
                Ref(xml, Dcat, "landingPage", options.Absolute(request, "/oppna-data").AbsoluteUri);
                Date(xml, "modified", modified);
                Ref(xml, Dcat, "distribution", apiDistribution);
                foreach (var year in years)
                {
                    Ref(xml, Dcat, "distribution", Own($"mal-{year.ToString(CultureInfo.InvariantCulture)}-csv"));
                }
            });

            Resource(xml, Dcat, "Distribution", apiDistribution, () =>
            {
                Text(xml, Dcterms, "title", "Öppet API (JSON)");
                Text(xml, Dcterms, "description", "Läs-API utan inloggning för alla beslutade uppgifter. OpenAPI-dokumentet beskriver varje anrop och fält.");
                Ref(xml, Dcat, "accessURL", options.Absolute(request, "/api/v1").AbsoluteUri);
                Ref(xml, Dcterms, "format", JsonFormat);
                Ref(xml, Dcat, "mediaType", IanaMediaTypes + "application/json");
                Ref(xml, Dcterms, "conformsTo", options.Absolute(request, "/openapi/v1.json").AbsoluteUri);
                Ref(xml, Foaf, "page", options.Absolute(request, "/oppna-data").AbsoluteUri);
                Ref(xml, Dcterms, "license", options.LicenceUri.AbsoluteUri);
                Ref(xml, Dcat, "accessService", apiService);
            });

            // The API as a data service too (DCAT-AP-SE 2): where it answers, how it is described, what it serves.
            Resource(xml, Dcat, "DataService", apiService, () =>
            {
                Text(xml, Dcterms, "title", $"Öppet API för strategisk planering – {model.MunicipalityName}");
                Text(xml, Dcterms, "description", "Läs-API (JSON) utan inloggning med sidindelning, ETag och fel som application/problem+json.");
                Ref(xml, Dcat, "endpointURL", options.Absolute(request, "/api/v1").AbsoluteUri);
                Ref(xml, Dcat, "endpointDescription", options.Absolute(request, "/openapi/v1.json").AbsoluteUri);
                Ref(xml, Dcterms, "publisher", options.PublisherUri.AbsoluteUri);
                Ref(xml, Dcat, "contactPoint", contact);
                Ref(xml, Dcterms, "license", options.LicenceUri.AbsoluteUri);
                Ref(xml, Dcterms, "accessRights", PublicAccess);
                Ref(xml, Dcat, "servesDataset", dataset);
            });

            foreach (var year in years)
            {
                var csv = options.Absolute(request, $"/api/v1/years/{year.ToString(CultureInfo.InvariantCulture)}/goals.csv").AbsoluteUri;
                Resource(xml, Dcat, "Distribution", Own($"mal-{year.ToString(CultureInfo.InvariantCulture)}-csv"), () =>
                {
                    Text(xml, Dcterms, "title", $"Beslutade mål för budgetår {year} (CSV)");
                    Text(xml, Dcterms, "description", $"Alla mål i de senast beslutade versionerna av planerna för budgetår {year}, som CSV-fil.");
                    Ref(xml, Dcat, "accessURL", csv);
                    Ref(xml, Dcat, "downloadURL", csv);
                    Ref(xml, Dcterms, "format", CsvFormat);
                    Ref(xml, Dcat, "mediaType", IanaMediaTypes + "text/csv");
                    Ref(xml, Dcterms, "license", options.LicenceUri.AbsoluteUri);
                });
            }

            Resource(xml, Vcard, "Organization", contact, () =>
            {
                Plain(xml, Vcard, "fn", options.ContactName.Length > 0 ? options.ContactName : options.PublisherName);
                if (options.ContactEmail.Length > 0)
                {
                    Ref(xml, Vcard, "hasEmail", "mailto:" + options.ContactEmail);
                }
            });

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return buffer.ToArray();
    }

    private static void Resource(XmlWriter xml, string ns, string type, string about, Action properties)
    {
        xml.WriteStartElement(type, ns);
        xml.WriteAttributeString("about", Rdf, about);
        properties();
        xml.WriteEndElement();
    }

    /// <summary>A Swedish text (xml:lang="sv").</summary>
    private static void Text(XmlWriter xml, string ns, string name, string value)
    {
        xml.WriteStartElement(name, ns);
        xml.WriteAttributeString("xml", "lang", null, "sv");
        xml.WriteString(value);
        xml.WriteEndElement();
    }

    /// <summary>A name, which has no language.</summary>
    private static void Plain(XmlWriter xml, string ns, string name, string value) => xml.WriteElementString(name, ns, value);

    private static void Ref(XmlWriter xml, string ns, string name, string iri)
    {
        xml.WriteStartElement(name, ns);
        xml.WriteAttributeString("resource", Rdf, iri);
        xml.WriteEndElement();
    }

    private static void Date(XmlWriter xml, string name, DateOnly? date)
    {
        if (date is not { } day)
        {
            return;
        }

        xml.WriteStartElement(name, Dcterms);
        xml.WriteAttributeString("datatype", Rdf, XsdDate);
        xml.WriteString(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        xml.WriteEndElement();
    }
}
