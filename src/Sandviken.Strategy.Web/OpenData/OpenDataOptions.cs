namespace Sandviken.Strategy.Web.OpenData;

/// <summary>
/// <c>OpenData:*</c>: who publishes the portal's open data, under which licence, and the absolute address that
/// feeds and the DCAT-AP-SE catalogue build their IRIs from (docs/open-data.md).
/// </summary>
public sealed record OpenDataOptions(
    Uri? PublicBaseUrl,
    string PublisherName,
    string PublisherOrganisationNumber,
    Uri LicenceUri,
    string ContactName,
    string ContactEmail)
{
    public const string Section = "OpenData";

    /// <summary>The publisher's IRI in Sweden's open-data portal: http://dataportal.se/organisation/SE + the organisation number's ten digits.</summary>
    public Uri PublisherUri => new($"http://dataportal.se/organisation/SE{new string(PublisherOrganisationNumber.Where(char.IsAsciiDigit).ToArray())}");

    public static OpenDataOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var baseUrl = section["PublicBaseUrl"];
        return new OpenDataOptions(
            string.IsNullOrWhiteSpace(baseUrl) ? null : new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute),
            section["PublisherName"] is { Length: > 0 } name ? name : "Sandvikens kommun",
            section["PublisherOrganisationNumber"] ?? "",
            new Uri(section["LicenceUri"] is { Length: > 0 } licence ? licence : "http://creativecommons.org/licenses/by/4.0/", UriKind.Absolute),
            section["ContactName"] ?? "",
            section["ContactEmail"] ?? "");
    }

    /// <summary>
    /// The absolute base address (ending in /): <c>OpenData:PublicBaseUrl</c> when set (behind a proxy the request's
    /// host may be an internal one), otherwise the request's own scheme and host.
    /// </summary>
    public Uri BaseFor(HttpRequest request) =>
        PublicBaseUrl ?? new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/", UriKind.Absolute);

    /// <summary>An absolute IRI for a path of the portal, such as "api/v1" or "/organisationer/x".</summary>
    public Uri Absolute(HttpRequest request, string path) => new(BaseFor(request), path.TrimStart('/'));
}
