using System.Globalization;
using System.Text.Json;
using Sandviken.Strategy.Domain.Dashboard;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.OpenData;
using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Domain.Planning;
using Sandviken.Strategy.Domain.Plans;
using Sandviken.Strategy.Web.Components.Shared;
using Sandviken.Strategy.Web.Hosting;
using Sandviken.Strategy.Web.OpenData;
using Q = Sandviken.Strategy.Web.Api.ApiQuery;

namespace Sandviken.Strategy.Web.Api;

/// <summary>
/// /api/v1: the portal's decided material as open data (ADR 0035). Anonymous and read-only, from the public output
/// cache, CORS for any origin, ETag and Last-Modified on every answer, errors as Swedish problem+json. Everything comes
/// from the public readers or <see cref="OpenDataReader"/>: decided versions only, never a working copy.
/// </summary>
internal static class OpenDataApi
{
    public const string Prefix = "/api/v1";
    public const string KoladaSource = "Kolada";
    public const string KoladaAttribution = "Källa: Kolada";

    private static readonly ApiParameterDoc YearParameter = new(Q.Year, "Budgetåret, fyra siffror (till exempel 2026). Utan det: alla år.", true);
    private static readonly ApiParameterDoc OrganisationParameter = new(Q.Organisation, "En nämnds eller ett bolags namn i adressen (slug), till exempel kunskapsnamnden.", true);
    private static readonly ApiParameterDoc AreaParameter = new(Q.Area, "Ett strategiskt områdes namn i adressen (slug), till exempel vaxa-for-framtiden.", true);
    private static readonly ApiParameterDoc PageParameter = new(Q.Page, "Sidans nummer, från 1 (standard 1).", true);
    private static readonly ApiParameterDoc PageSizeParameter = new(Q.PageSize, $"Antal poster per sida, 1–{Q.MaxPageSize} (standard {Q.DefaultPageSize}).", true);

    public static IServiceCollection AddOpenDataApi(this IServiceCollection services)
    {
        services.AddSingleton<OpenDataReader>();
        services.ConfigureHttpJsonOptions(options =>
        {
            // Codes as camelCase words ("committee", "draftDecided"); å, ä and ö as they are.
            options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            options.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        services.AddOpenDataOpenApi();
        return services;
    }

    public static void MapOpenDataApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenDataOpenApi();

        var api = endpoints.MapGroup("/api").RequireCors(OpenDataCors.PolicyName).AddEndpointFilter(ApiErrors.Filter);
        var v1 = api.MapGroup("/v1").WithTags("Öppna data");

        v1.MapGet("/", Index).Doc<ApiIndex>(
            "Ingång till API:t", "Vad API:t innehåller, licensen och länkar till alla resurser.", "/api/v1");
        v1.MapGet("/mandate-periods", Periods).Doc<ApiList<PeriodItem>>(
            "Mandatperioder",
            "Alla mandatperioder med kommunfullmäktiges strategiska områden, deras målbilder och målbildernas nyckeltalsvärden med källa.",
            "/api/v1/mandate-periods");
        v1.MapGet("/mandate-periods/{id:int}", Period).Doc<PeriodItem>(
            "En mandatperiod", "En mandatperiod med dess strategiska områden och målbilder.", "/api/v1/mandate-periods/1",
            new ApiParameterDoc("id", "Mandatperiodens id.", false)).NotFound();
        v1.MapGet("/organisations", Organisations).Doc<ApiList<OrganisationItem>>(
            "Nämnder och bolag", "Alla nämnder och kommunala bolag, med de budgetår som har en beslutad plan.", "/api/v1/organisations");
        v1.MapGet("/organisations/{slug}", Organisation).Doc<OrganisationDetail>(
            "En nämnd eller ett bolag", "Organisationen med varje budgetårs planstatus och besluten i april och september.",
            "/api/v1/organisations/kunskapsnamnden", new ApiParameterDoc("slug", "Organisationens namn i adressen.", false)).NotFound();
        v1.MapGet("/plans", Plans).Doc<ApiPage<PlanItem>>(
            "Planer", "Planer som har minst en beslutad version, med den senaste beslutade versionen. Sidindelad.",
            "/api/v1/plans?year=2026&organisation=kunskapsnamnden", YearParameter, OrganisationParameter, PageParameter, PageSizeParameter).BadRequest();
        v1.MapGet("/plans/{id:int}", Plan).Doc<PlanDetail>(
            "En plan", "En plan med beslut, beslutade versioner (med SHA-256) och status. Bara planer med en beslutad version finns här.",
            "/api/v1/plans/1", new ApiParameterDoc("id", "Planens id.", false)).NotFound();
        v1.MapGet("/plans/{id:int}/versions/{number:int}", Version).Doc<VersionDetail>(
            "En beslutad version", "En fryst version av en plan: beslutet, SHA-256 och det frysta innehållet.",
            "/api/v1/plans/1/versions/1", new ApiParameterDoc("id", "Planens id.", false), new ApiParameterDoc("number", "Versionens nummer (1, 2, …).", false)).NotFound();
        v1.MapGet("/plans/{id:int}/versions/{number:int}/content", VersionContent).Doc<JsonElement>(
            "En versions innehåll byte för byte",
            "Det frysta innehållet exakt som det lagrades: dess SHA-256 är versionens contentSha256, så att vem som helst kan kontrollera det.",
            "/api/v1/plans/1/versions/1/content", new ApiParameterDoc("id", "Planens id.", false), new ApiParameterDoc("number", "Versionens nummer.", false)).NotFound();
        v1.MapGet("/decisions", Decisions).Doc<ApiPage<DecisionItem>>(
            "Beslut", "Alla registrerade beslut (utkast i april, slutgiltigt i september), äldst först. Sidindelad.",
            "/api/v1/decisions?year=2026", YearParameter, PageParameter, PageSizeParameter).BadRequest();
        v1.MapGet("/goals", Goals).Doc<ApiPage<GoalItem>>(
            "Mål", "Beslutade mål ur den senaste beslutade versionen av varje plan, med kopplingar till strategiska områden och indikatorer. Sidindelad.",
            "/api/v1/goals?year=2026&area=vaxa-for-framtiden", YearParameter, OrganisationParameter, AreaParameter, PageParameter, PageSizeParameter).BadRequest();
        v1.MapGet("/indicators", Indicators).Doc<ApiPage<IndicatorItem>>(
            "Indikatorer", "De beslutade målens indikatorer med utgångsvärde, målvärde och uppmätta värden med källa. Sidindelad.",
            "/api/v1/indicators?year=2026", YearParameter, OrganisationParameter, PageParameter, PageSizeParameter).BadRequest();
        v1.MapGet("/follow-ups", FollowUps).Doc<ApiPage<FollowUpItem>>(
            "Uppföljningar",
            "Den uppföljning som gäller för varje beslutat mål: årsredovisningens, annars delårsrapportens. Sidindelad.",
            "/api/v1/follow-ups?year=2026", YearParameter, OrganisationParameter, PageParameter, PageSizeParameter).BadRequest();
        v1.MapGet("/years/{year}/decision-status", DecisionStatus).Doc<DecisionStatusAnswer>(
            "Beslutsstatus för ett budgetår", "Varje nämnds och bolags beslut i april och september: Beslutad, Ej beslutad, Försenad eller Ej aktuell.",
            "/api/v1/years/2026/decision-status", new ApiParameterDoc("year", "Budgetåret, fyra siffror.", false)).NotFound();
        v1.MapGet("/years/{year}/coverage", Coverage).Doc<CoverageAnswer>(
            "Träffbild för ett budgetår", "Antal beslutade mål per nämnd eller bolag och strategiskt område. En nolla är en lucka.",
            "/api/v1/years/2026/coverage", new ApiParameterDoc("year", "Budgetåret, fyra siffror.", false)).NotFound();
        v1.MapGet("/years/{year}/goals.csv", GoalsCsv.Answer).Doc<string>(
            "Årets beslutade mål som CSV",
            "Alla beslutade mål för budgetåret, en rad per mål och indikator, med semikolon och UTF-8 (BOM) för svenska Excel. Kolumnen Källa anger var värdet kommer från.",
            "/api/v1/years/2026/goals.csv", new ApiParameterDoc("year", "Budgetåret, fyra siffror.", false), contentType: GoalsCsv.ContentType).NotFound();

        // Anything else under /api: a problem answer, never the site's HTML page. The API only reads: 405 for any other method.
        api.Map("/{**rest}", (HttpContext http) => HttpMethods.IsGet(http.Request.Method)
                ? ApiProblem.NotFound("Det finns ingen resurs på den här adressen i API:t. Se /api/v1 för alla resurser.")
                : ApiProblem.MethodNotAllowed(http.Request.Method))
            .ExcludeFromDescription();
    }

    private static ApiAnswer Index(HttpContext http, OpenDataOptions options)
    {
        var request = http.Request;
        ApiLink Link(string rel, string path, string title) => new(rel, options.Absolute(request, path), title);
        return ApiAnswer.Json(http, new ApiIndex(
            "Sandvikens strategiska mål – öppna data",
            "Kommunfullmäktiges strategiska områden och nämndernas och bolagens beslutade mål, som öppna data. Bara beslutat material.",
            options.PublisherName,
            options.LicenceUri,
            $"Värden från Kolada anges med {KoladaAttribution}.",
            [
                Link("self", Prefix, "Den här sidan"),
                Link("mandate-periods", $"{Prefix}/mandate-periods", "Mandatperioder, strategiska områden och målbilder"),
                Link("organisations", $"{Prefix}/organisations", "Nämnder och bolag"),
                Link("plans", $"{Prefix}/plans", "Planer med beslutade versioner"),
                Link("decisions", $"{Prefix}/decisions", "Beslut"),
                Link("goals", $"{Prefix}/goals", "Beslutade mål"),
                Link("indicators", $"{Prefix}/indicators", "Indikatorer och värden"),
                Link("follow-ups", $"{Prefix}/follow-ups", "Uppföljningar"),
                Link("openapi", "/openapi/v1.json", "OpenAPI-beskrivning"),
                Link("documentation", "/oppna-data", "Dokumentation på svenska"),
                Link("licence", options.LicenceUri.ToString(), "Licens"),
            ]));
    }

    private static async Task<IResult> Periods(HttpContext http, OpenDataReader reader, OpenDataOptions options, CancellationToken ct)
    {
        var periods = await reader.ReadPeriodsAsync(ct);
        return ApiAnswer.Json(http, new ApiList<PeriodItem>([.. periods.Select(p => PeriodOf(p, http.Request, options))], periods.Count));
    }

    private static async Task<IResult> Period(int id, HttpContext http, OpenDataReader reader, OpenDataOptions options, CancellationToken ct)
    {
        var period = (await reader.ReadPeriodsAsync(ct)).SingleOrDefault(p => p.Id == id);
        return period is null
            ? ApiProblem.NotFound($"Det finns ingen mandatperiod med id {id.ToString(CultureInfo.InvariantCulture)}.")
            : ApiAnswer.Json(http, PeriodOf(period, http.Request, options));
    }

    private static PeriodItem PeriodOf(PeriodData p, HttpRequest request, OpenDataOptions options) => new(
        p.Id, p.Name, p.StartYear, p.EndYear, p.AreasDecidedOn, p.AreasDecidedBy,
        [.. p.Areas.Select(a => new AreaItem(a.Slug, a.Title, a.Lead, a.Body,
            options.Absolute(request, $"/omraden/{a.Slug}?ar={p.StartYear.ToString(CultureInfo.InvariantCulture)}"),
            [.. a.Ambitions.Select(m => new AmbitionItem(m.Id, m.Text, m.TargetValue, m.Unit, m.TargetYear, m.KoladaKpiId,
                [.. m.Values.Select(ValueOf)], AttributionOf(m.Values)))]))],
        options.Absolute(request, $"{Prefix}/mandate-periods/{p.Id.ToString(CultureInfo.InvariantCulture)}"));

    private static async Task<IResult> Organisations(HttpContext http, OpenDataReader reader, OpenDataOptions options, CancellationToken ct)
    {
        var request = http.Request;
        var organisations = await reader.ReadOrganisationsAsync(ct);
        return ApiAnswer.Json(http, new ApiList<OrganisationItem>(
            [.. organisations.Select(o => new OrganisationItem(o.Slug, o.Name, o.Kind, Labels.Of(o.Kind), o.ParentSlug, o.IsActive, o.IsDemo,
                o.DecidedYears, options.Absolute(request, $"/organisationer/{o.Slug}"), options.Absolute(request, $"{Prefix}/organisations/{o.Slug}")))],
            organisations.Count));
    }

    private static async Task<IResult> Organisation(
        string slug, HttpContext http, OrganisationPageReader pages, OpenDataReader reader, OpenDataOptions options, CancellationToken ct)
    {
        var page = await pages.ReadAsync(slug, ct);
        if (page is null)
        {
            return ApiProblem.NotFound($"Det finns ingen nämnd eller inget bolag som heter ”{YearQuery.Shown(slug)}” i adressen.");
        }

        var request = http.Request;
        var plans = (await reader.ReadDecidedPlansAsync(null, slug, ct)).ToDictionary(p => p.BudgetYear, p => p.PlanId);
        return ApiAnswer.Json(http, new OrganisationDetail(
            page.Slug, page.Name, page.Kind, Labels.Of(page.Kind), page.ParentSlug, page.IsActive, page.IsDemo,
            [.. page.Plans.Select(p =>
            {
                int? planId = plans.TryGetValue(p.BudgetYear, out var id) ? id : null;
                return new OrganisationYearItem(
                    p.BudgetYear, planId, p.Status, Labels.Of(p.Status), CellOf(p.DraftState, p.Draft), CellOf(p.FinalState, p.Final),
                    planId is { } known ? PlanUrl(request, options, known) : null);
            })],
            options.Absolute(request, $"/organisationer/{page.Slug}"),
            options.Absolute(request, $"{Prefix}/organisations/{page.Slug}")));
    }

    private static async Task<IResult> Plans(HttpContext http, OpenDataReader reader, OpenDataOptions options, CancellationToken ct)
    {
        var request = http.Request;
        if (!Q.TryYear(request, out var year, out var problem) || !Q.TrySlug(request, Q.Organisation, out var organisation, out problem)
            || !Q.TryPaging(request, out var page, out var pageSize, out problem))
        {
            return ApiProblem.BadRequest(problem!);
        }

        var plans = await reader.ReadDecidedPlansAsync(year, organisation, ct);
        return Paged(http, [.. plans.Select(p => new PlanItem(
            p.PlanId, p.OrganisationSlug, p.OrganisationName, p.OrganisationKind, p.BudgetYear, p.Status, Labels.Of(p.Status),
            p.VersionNumber, p.VersionKind, p.Snapshot.Goals.Count, PlanPageOf(request, options, p.OrganisationSlug, p.BudgetYear), PlanUrl(request, options, p.PlanId)))],
            page, pageSize, [Q.Year, Q.Organisation, Q.PageSize]);
    }

    private static async Task<IResult> Plan(int id, HttpContext http, OpenDataReader reader, PlanPageReader pages, OpenDataOptions options, CancellationToken ct)
    {
        // Only a plan with a decided version is public; its page reader then gives exactly what its page shows.
        if (await reader.FindDecidedPlanAsync(id, ct) is not { } found || await pages.ReadAsync(found.Slug, found.BudgetYear, ct) is not { } plan)
        {
            return PlanNotFound(id);
        }

        var request = http.Request;
        return ApiAnswer.Json(http, new PlanDetail(
            id, plan.OrganisationSlug, plan.OrganisationName, plan.OrganisationKind, plan.BudgetYear, plan.Summary.Status, Labels.Of(plan.Summary.Status),
            CellOf(plan.Summary.DraftState, plan.Summary.Draft),
            CellOf(plan.Summary.FinalState, plan.Summary.Final),
            [.. found.Decisions.Select(d => DecisionOf(d, request, options))],
            [.. plan.Versions.Select(v => new VersionItem(v.Number, v.Kind, Labels.VersionOf(v.Kind), v.CreatedAtUtc, v.ContentSha256,
                VersionUrl(request, options, id, v.Number)))],
            plan.ShownVersion!.Number,
            options.Absolute(request, $"{Prefix}/goals?year={plan.BudgetYear.ToString(CultureInfo.InvariantCulture)}&organisation={plan.OrganisationSlug}"),
            PlanPageOf(request, options, plan.OrganisationSlug, plan.BudgetYear),
            PlanUrl(request, options, id)));
    }

    private static async Task<IResult> Version(int id, int number, HttpContext http, OpenDataReader reader, OpenDataOptions options, CancellationToken ct)
    {
        if (await reader.ReadVersionAsync(id, number, ct) is not { } version)
        {
            return VersionNotFound(id, number);
        }

        var request = http.Request;
        using var content = JsonDocument.Parse(version.Content);
        return ApiAnswer.Json(http, new VersionDetail(
            version.PlanId, version.OrganisationSlug, version.BudgetYear, version.Number, version.Kind, Labels.VersionOf(version.Kind),
            version.CreatedAtUtc, version.ContentSha256,
            version.Decision is null ? null : DecisionOf(version.Decision, request, options),
            content.RootElement.Clone(),
            options.Absolute(request, $"{VersionPath(id, number)}/content"),
            VersionUrl(request, options, id, number)));
    }

    private static async Task<IResult> VersionContent(int id, int number, OpenDataReader reader, CancellationToken ct) =>
        await reader.ReadVersionAsync(id, number, ct) is { } version
            ? new ApiAnswer(System.Text.Encoding.UTF8.GetBytes(version.Content), "application/json; charset=utf-8")
            : VersionNotFound(id, number);

    private static async Task<IResult> Decisions(HttpContext http, OpenDataReader reader, OpenDataOptions options, CancellationToken ct)
    {
        var request = http.Request;
        if (!Q.TryYear(request, out var year, out var problem) || !Q.TryPaging(request, out var page, out var pageSize, out problem))
        {
            return ApiProblem.BadRequest(problem!);
        }

        var decisions = await reader.ReadDecisionsAsync(year, ct);
        return Paged(http, [.. decisions.Select(d => DecisionOf(d, request, options))], page, pageSize, [Q.Year, Q.PageSize]);
    }

    private static async Task<IResult> Goals(HttpContext http, OpenDataReader reader, OpenDataOptions options, CancellationToken ct)
    {
        var request = http.Request;
        if (!Q.TryYear(request, out var year, out var problem) || !Q.TrySlug(request, Q.Organisation, out var organisation, out problem)
            || !Q.TrySlug(request, Q.Area, out var area, out problem) || !Q.TryPaging(request, out var page, out var pageSize, out problem))
        {
            return ApiProblem.BadRequest(problem!);
        }

        var plans = await reader.ReadDecidedPlansAsync(year, organisation, ct);
        var goals = plans
            .SelectMany(p => p.Snapshot.Goals.Select(g => (Plan: p, Goal: g)))
            .Where(x => area is null || x.Goal.Areas.Any(a => a.Slug == area))
            .Select(x => new GoalItem(
                x.Goal.GoalId, x.Plan.PlanId, x.Plan.OrganisationSlug, x.Plan.OrganisationName, x.Plan.BudgetYear, x.Plan.VersionNumber, x.Plan.VersionKind,
                x.Goal.Title, x.Goal.Description,
                [.. x.Goal.Areas.Select(a => new AreaLink(a.Slug, a.Title))],
                [.. x.Goal.Indicators.Select(i => new GoalIndicatorItem(
                    i.IndicatorId == 0 ? null : i.IndicatorId, i.Name, i.Unit, i.Direction, Labels.Of(i.Direction),
                    i.BaselineValue, i.BaselineYear, i.TargetValue, i.TargetYear, i.KoladaKpiId))],
                PlanUrl(request, options, x.Plan.PlanId)))
            .ToList();
        return Paged(http, goals, page, pageSize, [Q.Year, Q.Organisation, Q.Area, Q.PageSize]);
    }

    private static async Task<IResult> Indicators(HttpContext http, OpenDataReader reader, CancellationToken ct)
    {
        var request = http.Request;
        if (!Q.TryYear(request, out var year, out var problem) || !Q.TrySlug(request, Q.Organisation, out var organisation, out problem)
            || !Q.TryPaging(request, out var page, out var pageSize, out problem))
        {
            return ApiProblem.BadRequest(problem!);
        }

        var plans = await reader.ReadDecidedPlansAsync(year, organisation, ct);
        var decided = plans
            .SelectMany(p => p.Snapshot.Goals.SelectMany(g => g.Indicators.Select(i => (Plan: p, Goal: g, Indicator: i))))
            .ToList();
        var values = await reader.ReadIndicatorValuesAsync([.. decided.Select(x => x.Indicator.IndicatorId)], ct);
        var indicators = decided.Select(x =>
        {
            var points = x.Indicator.IndicatorId != 0 && values.TryGetValue(x.Indicator.IndicatorId, out var found) ? found : [];
            var i = x.Indicator;
            return new IndicatorItem(
                i.IndicatorId == 0 ? null : i.IndicatorId, x.Goal.GoalId, x.Goal.Title, x.Plan.PlanId, x.Plan.OrganisationSlug, x.Plan.BudgetYear,
                i.Name, i.Unit, i.Direction, Labels.Of(i.Direction), i.BaselineValue, i.BaselineYear, i.TargetValue, i.TargetYear, i.KoladaKpiId,
                [.. points.Select(ValueOf)], AttributionOf(points));
        }).ToList();
        return Paged(http, indicators, page, pageSize, [Q.Year, Q.Organisation, Q.PageSize]);
    }

    private static async Task<IResult> FollowUps(HttpContext http, OpenDataReader reader, CancellationToken ct)
    {
        var request = http.Request;
        if (!Q.TryYear(request, out var year, out var problem) || !Q.TrySlug(request, Q.Organisation, out var organisation, out problem)
            || !Q.TryPaging(request, out var page, out var pageSize, out problem))
        {
            return ApiProblem.BadRequest(problem!);
        }

        var plans = await reader.ReadDecidedPlansAsync(year, organisation, ct);
        var assessments = await reader.ReadAssessmentsAsync([.. plans.Select(p => p.PlanId)], ct);
        var followUps = plans
            .SelectMany(p => p.Snapshot.Goals.Select(g => (Plan: p, Goal: g)))
            .Where(x => assessments.ContainsKey(x.Goal.GoalId))
            .Select(x => (x.Plan, x.Goal, Assessment: assessments[x.Goal.GoalId]))
            .Select(x => new FollowUpItem(
                x.Goal.GoalId, x.Goal.Title, x.Plan.PlanId, x.Plan.OrganisationSlug, x.Plan.BudgetYear,
                x.Assessment.Point, Labels.Of(x.Assessment.Point), x.Assessment.Assessment, Labels.Of(x.Assessment.Assessment), x.Assessment.Comment))
            .ToList();
        return Paged(http, followUps, page, pageSize, [Q.Year, Q.Organisation, Q.PageSize]);
    }

    private static async Task<IResult> DecisionStatus(string year, HttpContext http, DashboardReader dashboard, OpenDataOptions options, CancellationToken ct)
    {
        if (!YearQuery.TryParse(year, out var budgetYear) || await dashboard.ReadStatusAsync(budgetYear, OrganisationFilter.All, ct) is not { } status)
        {
            return NoCycle(year);
        }

        return ApiAnswer.Json(http, new DecisionStatusAnswer(
            status.BudgetYear, status.DraftDeadline, status.FinalDeadline, status.DraftsDecided, status.FinalsDecided, status.DraftsOverdue, status.FinalsOverdue,
            [.. status.Rows.Select(r => new DecisionStatusItem(r.Slug, r.Name, r.Kind, CellOf(r.Draft), CellOf(r.Final)))],
            options.Absolute(http.Request, $"/beslutsstatus?ar={status.BudgetYear.ToString(CultureInfo.InvariantCulture)}")));
    }

    private static async Task<IResult> Coverage(string year, HttpContext http, DashboardReader dashboard, OpenDataOptions options, CancellationToken ct)
    {
        if (!YearQuery.TryParse(year, out var budgetYear) || await dashboard.ReadAsync(budgetYear, OrganisationFilter.All, ct) is not { } model)
        {
            return NoCycle(year);
        }

        var coverage = model.Coverage;
        return ApiAnswer.Json(http, new CoverageAnswer(
            coverage.BudgetYear,
            [.. coverage.Areas.Select(a => new AreaTotalItem(a.Slug, a.Title, coverage.TotalFor(a.Slug)))],
            [.. coverage.Rows.Select(r => new CoverageItem(r.Slug, r.Name, r.Kind, r.HasDecidedPlan,
                [.. coverage.Areas.Select(a => new AreaCountItem(a.Slug, r.CountFor(a.Slug)))], r.Total))],
            coverage.GrandTotal,
            coverage.Gaps,
            options.Absolute(http.Request, $"/beslutsstatus?ar={coverage.BudgetYear.ToString(CultureInfo.InvariantCulture)}")));
    }

    /// <summary>One page of <paramref name="all"/>, with links in the body and in a Link header (RFC 8288).</summary>
    private static IResult Paged<T>(HttpContext http, IReadOnlyList<T> all, int page, int pageSize, string[] keys)
    {
        var totalPages = Math.Max(1, (all.Count + pageSize - 1) / pageSize);
        if (page > totalPages)
        {
            return ApiProblem.NotFound(
                $"Sidan {page.ToString(CultureInfo.InvariantCulture)} finns inte: listan har {totalPages.ToString(CultureInfo.InvariantCulture)} sidor med {pageSize.ToString(CultureInfo.InvariantCulture)} poster per sida.");
        }

        var request = http.Request;
        var path = http.RequestServices.GetRequiredService<OpenDataOptions>().Absolute(request, request.Path.Value ?? "/");
        Uri At(int number) => Q.PageAddress(request, path, keys, number);
        var links = new PageLinks(At(page), At(1), At(totalPages), page < totalPages ? At(page + 1) : null, page > 1 ? At(page - 1) : null);
        http.Response.Headers.Link = string.Join(", ", new (Uri? Href, string Rel)[]
            { (links.First, "first"), (links.Previous, "prev"), (links.Next, "next"), (links.Last, "last") }
            .Where(l => l.Href is not null)
            .Select(l => $"<{l.Href!.AbsoluteUri}>; rel=\"{l.Rel}\""));
        return ApiAnswer.Json(http, new ApiPage<T>([.. all.Skip((page - 1) * pageSize).Take(pageSize)], page, pageSize, all.Count, totalPages, links));
    }

    private static DecisionItem DecisionOf(DecisionData d, HttpRequest request, OpenDataOptions options) => new(
        d.Id, d.PlanId, d.OrganisationSlug, d.OrganisationName, d.BudgetYear, d.Kind, Labels.Of(d.Kind), d.DecidedOn, d.DecidedBy, d.Reference,
        d.VersionNumber, VersionUrl(request, options, d.PlanId, d.VersionNumber));

    private static DecisionCellItem CellOf(DecisionState state, DecisionView? decision) =>
        new(state, Labels.Of(state), decision?.DecidedOn, decision?.DecidedBy, decision?.Reference, decision?.VersionNumber);

    private static DecisionCellItem CellOf(DecisionStatusCell cell) =>
        new(cell.State, Labels.Of(cell.State), cell.DecidedOn, cell.DecidedBy, cell.Reference, cell.VersionNumber);

    private static ValueItem ValueOf(MeasurementPoint point) => new(point.Period, point.Value, point.Source, point.FetchedAtUtc);

    public static string? AttributionOf(IEnumerable<MeasurementPoint> points) =>
        points.Any(p => p.Source == KoladaSource) ? KoladaAttribution : null;

    private static Uri PlanUrl(HttpRequest request, OpenDataOptions options, int planId) =>
        options.Absolute(request, $"{Prefix}/plans/{planId.ToString(CultureInfo.InvariantCulture)}");

    private static string VersionPath(int planId, int number) =>
        $"{Prefix}/plans/{planId.ToString(CultureInfo.InvariantCulture)}/versions/{number.ToString(CultureInfo.InvariantCulture)}";

    private static Uri VersionUrl(HttpRequest request, OpenDataOptions options, int planId, int number) =>
        options.Absolute(request, VersionPath(planId, number));

    private static Uri PlanPageOf(HttpRequest request, OpenDataOptions options, string slug, int year) =>
        options.Absolute(request, $"/organisationer/{slug}/{year.ToString(CultureInfo.InvariantCulture)}");

    private static IResult PlanNotFound(int id) =>
        ApiProblem.NotFound($"Det finns ingen beslutad plan med id {id.ToString(CultureInfo.InvariantCulture)}.");

    private static IResult VersionNotFound(int id, int number) => ApiProblem.NotFound(
        $"Planen med id {id.ToString(CultureInfo.InvariantCulture)} har ingen beslutad version {number.ToString(CultureInfo.InvariantCulture)}.");

    internal static IResult NoCycle(string year) =>
        ApiProblem.NotFound($"Det finns ingen planeringsomgång för budgetåret ”{YearQuery.Shown(year)}”.");
}
