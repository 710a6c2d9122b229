using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Access;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.FollowUps;
using Sandviken.Strategy.Domain.Planning;

namespace Sandviken.Strategy.Domain.Reminders;

/// <summary>Why nobody seems to update a measure.</summary>
public enum StaleReason
{
    /// <summary>Neither a Kolada id nor any value: nothing will ever fill it.</summary>
    NoSource = 1,

    /// <summary>A Kolada id but no value yet.</summary>
    NoValues = 2,

    /// <summary>The latest value is for a year older than expected now.</summary>
    Outdated = 3,
}

/// <param name="OrganisationId">Null for an area's ambition, which belongs to the council (the administrators answer for it).</param>
/// <param name="PlanId">The plan of an indicator, for the link to the workspace; null for an ambition.</param>
/// <param name="LatestYear">The year of the latest value, null when there is none.</param>
public sealed record StaleMeasure(
    int Id,
    bool IsAmbition,
    string Name,
    string Context,
    int? OrganisationId,
    string? OrganisationName,
    int? PlanId,
    int? LatestYear,
    int ExpectedYear,
    StaleReason Reason)
{
    /// <summary>The reason in Swedish, for pages and e-mail.</summary>
    public string ReasonText => Reason switch
    {
        StaleReason.NoSource => "saknar både Kolada-id och värden",
        StaleReason.NoValues => "har Kolada-id men inga värden",
        _ => $"senaste värdet gäller {LatestYear}, men ett värde för {ExpectedYear} väntas",
    };
}

/// <summary>
/// Indicators and ambitions nobody updates (ADR 0041). The rule: in budget year Y (the Stockholm calendar year), the
/// indicators of every active organisation's plan for Y and the ambitions of the mandate period that covers Y are
/// expected to have a value for Y−1 from <see cref="ReminderOptions.StaleAfterMonth"/> on, and for Y−2 before it.
/// A measure is stale when its latest value is older, or when it has no value at all. Two SQL commands, whatever the size.
/// </summary>
public sealed class StaleIndicatorReader(
    IDbContextFactory<StrategyDbContext> dbFactory, ActorLoader actors, TimeProvider time, ReminderOptions options)
{
    /// <summary>The whole list, for the administrators' page Att åtgärda.</summary>
    public async Task<IReadOnlyList<StaleMeasure>> ReadForAdministratorAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actor = await actors.LoadAsync(db, principal, ct);
        if (!actor.IsAdministrator)
        {
            throw actors.Refuse(actor, "read-stale-indicators", "Indicator", null, "Bara administratörer ser listan Att åtgärda.");
        }

        return await ReadAsync(db, organisationIds: null, includeAmbitions: true, ct);
    }

    /// <summary>A secretary's own organisations' stale indicators, for the workspace (empty for anybody else).</summary>
    public async Task<IReadOnlyList<StaleMeasure>> ReadForWorkspaceAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actor = await actors.LoadAsync(db, principal, ct);
        var own = actor.OrganisationIds.Where(actor.CanEditPlansOf).ToHashSet();
        return actor.IsSignedIn && own.Count > 0 ? await ReadAsync(db, own, includeAmbitions: false, ct) : [];
    }

    /// <summary>Every organisation's stale indicators (no ambitions), for the reminders, which have no user behind them.</summary>
    internal Task<IReadOnlyList<StaleMeasure>> ReadAllIndicatorsAsync(StrategyDbContext db, CancellationToken ct) =>
        ReadAsync(db, organisationIds: null, includeAmbitions: false, ct);

    /// <summary>The year a value is expected for today.</summary>
    public int ExpectedYear()
    {
        var today = PlanningCalendar.Today(time);
        return today.Month >= options.StaleAfterMonth ? today.Year - 1 : today.Year - 2;
    }

    private async Task<IReadOnlyList<StaleMeasure>> ReadAsync(
        StrategyDbContext db, HashSet<int>? organisationIds, bool includeAmbitions, CancellationToken ct)
    {
        var year = PlanningCalendar.Today(time).Year;
        var expected = ExpectedYear();

        var indicatorQuery = db.Indicators.AsNoTracking()
            .Where(i => i.Goal.Plan.BudgetYear == year && i.Goal.Plan.Organisation.IsActive);
        if (organisationIds is not null)
        {
            indicatorQuery = indicatorQuery.Where(i => organisationIds.Contains(i.Goal.Plan.OrganisationId));
        }

        // Periods are stored normalised ("2025"), so the greatest text is the latest year among years.
        var indicators = await indicatorQuery
            .Select(i => new Row(
                i.Id, i.Name, i.Goal.Title, i.Goal.Plan.OrganisationId, i.Goal.Plan.Organisation.Name, i.Goal.PlanId,
                i.KoladaKpiId, i.Measurements.Max(m => (string?)m.Period)))
            .ToListAsync(ct);

        var ambitions = includeAmbitions
            ? await db.AreaAmbitions.AsNoTracking()
                .Where(a => a.StrategicArea.MandatePeriod.StartYear <= year && a.StrategicArea.MandatePeriod.EndYear >= year)
                .Select(a => new Row(
                    a.Id, a.Text, a.StrategicArea.Title, null, null, null, a.KoladaKpiId,
                    db.AmbitionMeasurements.Where(m => m.AreaAmbitionId == a.Id).Max(m => (string?)m.Period)))
                .ToListAsync(ct)
            : [];

        var culture = System.Globalization.CultureInfo.GetCultureInfo("sv-SE");
        return indicators.Select(r => Judge(r, isAmbition: false, expected))
            .Concat(ambitions.Select(r => Judge(r, isAmbition: true, expected)))
            .OfType<StaleMeasure>()
            .OrderBy(s => s.IsAmbition)
            .ThenBy(s => s.OrganisationName ?? "", StringComparer.Create(culture, false))
            .ThenBy(s => s.Context, StringComparer.Create(culture, false))
            .ThenBy(s => s.Name, StringComparer.Create(culture, false))
            .ToList();
    }

    private static StaleMeasure? Judge(Row row, bool isAmbition, int expected)
    {
        int? latest = MeasurementPeriod.TryParse(row.LatestPeriod, out var y) ? y : null;
        var hasKolada = !string.IsNullOrWhiteSpace(row.KoladaKpiId);
        StaleReason? reason = row.LatestPeriod is null ? (hasKolada ? StaleReason.NoValues : StaleReason.NoSource)
            : latest is null || latest < expected ? StaleReason.Outdated
            : null;
        return reason is null ? null
            : new StaleMeasure(row.Id, isAmbition, row.Name, row.Context, row.OrganisationId, row.OrganisationName, row.PlanId, latest, expected, reason.Value);
    }

    private sealed record Row(
        int Id, string Name, string Context, int? OrganisationId, string? OrganisationName, int? PlanId, string? KoladaKpiId, string? LatestPeriod);
}
