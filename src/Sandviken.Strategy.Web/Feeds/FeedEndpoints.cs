using System.Text;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Feeds;
using Sandviken.Strategy.Web.Hosting;
using Sandviken.Strategy.Web.OpenData;

namespace Sandviken.Strategy.Web.Feeds;

/// <summary>
/// Following without an account, and the open-data catalogue (docs/open-data.md, ADR 0036): Atom feeds of decisions,
/// the planning deadlines as iCalendar, and the DCAT-AP-SE catalogue. Anonymous GET and HEAD, cached like the public
/// pages (a recorded decision evicts them), readable by any site's scripts.
/// </summary>
internal static class FeedEndpoints
{
    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(FeedTexts.MunicipalityFeedPath, (HttpRequest request, [AsParameters] Services services, CancellationToken ct) =>
            DecisionsAsync(null, request, services, ct)).Publish("Atom-flöde med kommunens beslut");
        endpoints.MapGet("/organisationer/{slug}/beslut.atom", (string slug, HttpRequest request, [AsParameters] Services services, CancellationToken ct) =>
            DecisionsAsync(slug, request, services, ct)).Publish("Atom-flöde med en nämnds eller ett bolags beslut");
        endpoints.MapGet(FeedTexts.CalendarPath, async (HttpRequest request, [AsParameters] Services services, CancellationToken ct) =>
        {
            var model = await new FeedReader(services.Database).ReadPlanningDatesAsync(ct);
            return model is null
                ? NotFound(NoMunicipality)
                : Results.Text(DeadlineCalendar.Write(model, services.Options, request, services.Time.GetUtcNow()), DeadlineCalendar.ContentType, Encoding.UTF8);
        }).Publish("Planeringens sista dagar som iCalendar");
        endpoints.MapGet(FeedTexts.CataloguePath, async (HttpRequest request, [AsParameters] Services services, CancellationToken ct) =>
        {
            var model = await new FeedReader(services.Database).ReadPlanningDatesAsync(ct);
            return model is null
                ? NotFound(NoMunicipality)
                : Results.Bytes(DcatCatalogue.Write(model, services.Options, request), DcatCatalogue.ContentType);
        }).Publish("DCAT-AP-SE-katalog");
        return endpoints;
    }

    private static async Task<IResult> DecisionsAsync(string? slug, HttpRequest request, Services services, CancellationToken ct)
    {
        var model = await new FeedReader(services.Database).ReadDecisionsAsync(slug, ct);
        return model is null
            ? NotFound(slug is null ? NoMunicipality : "Det finns ingen nämnd eller inget bolag med den adressen.")
            : Results.Bytes(DecisionAtomFeed.Write(model, services.Options, request, services.Time.GetUtcNow()), DecisionAtomFeed.ContentType);
    }

    private const string NoMunicipality = "Portalen har ännu inga uppgifter om kommunen.";

    private static IResult NotFound(string message) =>
        Results.Text(message, "text/plain; charset=utf-8", Encoding.UTF8, StatusCodes.Status404NotFound);

    private static RouteHandlerBuilder Publish(this RouteHandlerBuilder endpoint, string name) =>
        endpoint.WithDisplayName(name).CachePublicly().RequireCors(OpenDataCors.PolicyName);

    /// <summary>What the endpoints need, from the container. The reader is stateless, so it is made per request.</summary>
    internal sealed record Services(IDbContextFactory<StrategyDbContext> Database, OpenDataOptions Options, TimeProvider Time);
}
