using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Home;
using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Domain.Planning;

namespace Sandviken.Strategy.Domain.Areas;

public sealed record AreaPageModel(
    string Slug,
    string Title,
    string Lead,
    IReadOnlyList<string> BodyParagraphs,
    PeriodSummary Period,
    IReadOnlyList<AmbitionView> Ambitions,
    int BudgetYear,
    IReadOnlyList<int> BudgetYears,
    IReadOnlyList<AreaOrganisationGoals> Organisations)
{
    public int GoalCount => Organisations.Sum(o => o.Goals.Count);
}

public sealed record AmbitionView(int Id, string Text, decimal? TargetValue, string? Unit, int? TargetYear, string? KoladaKpiId)
{
    /// <summary>The key figure's values, oldest first (filled in by the reader).</summary>
    public IReadOnlyList<Organisations.MeasurementPoint> Values { get; init; } = [];

    public Pace? Pace => Areas.Pace.Assess(
        [.. Values.Where(v => int.TryParse(v.Period, out _)).Select(v => (int.Parse(v.Period, Swedish.Culture), v.Value))],
        TargetValue,
        TargetYear);
}

/// <summary>One organisation's goals that serve the area, from the latest decided version of its plan.</summary>
public sealed record AreaOrganisationGoals(
    string Slug,
    string Name,
    OrganisationKind Kind,
    DecisionKind VersionKind,
    int VersionNumber,
    IReadOnlyList<AreaGoal> Goals);

/// <param name="OtherAreas">The goal's links to the other strategic areas.</param>
public sealed record AreaGoal(string Title, string? Description, IReadOnlyList<AreaReference> OtherAreas);

/// <summary>The outcome of looking up an area page: found, or why not.</summary>
public enum AreaPageLookup
{
    Found,
    UnknownArea,
    UnknownYear,
}

public sealed class AreaPageReader(IDbContextFactory<StrategyDbContext> dbFactory, TimeProvider time)
{
    /// <param name="budgetYear">The budget year to show, or null for the current cycle's year (or the period's last).</param>
    public async Task<(AreaPageLookup Lookup, AreaPageModel? Page)> ReadAsync(string slug, int? budgetYear, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var candidates = await db.StrategicAreas.AsNoTracking()
            .Where(a => a.Slug == slug)
            .Select(a => new
            {
                a.Slug, a.Title, a.Lead, a.Body,
                Period = new PeriodSummary(a.MandatePeriod.Name, a.MandatePeriod.StartYear, a.MandatePeriod.EndYear, a.MandatePeriod.AreasDecidedOn, a.MandatePeriod.AreasDecidedBy),
                a.MandatePeriod.MunicipalityId,
                Ambitions = a.Ambitions.OrderBy(m => m.SortOrder)
                    .Select(m => new AmbitionView(m.Id, m.Text, m.TargetValue, m.Unit, m.TargetYear, m.KoladaKpiId)).ToList(),
            })
            .ToListAsync(ct);
        if (candidates.Count == 0)
        {
            return (AreaPageLookup.UnknownArea, null);
        }

        var cycles = await db.PlanningCycles.AsNoTracking()
            .Select(c => new { c.MunicipalityId, c.BudgetYear, c.FinalDeadline })
            .ToListAsync(ct);
        var current = PlanningCalendar.CurrentCycle(cycles, c => c.BudgetYear, c => c.FinalDeadline, PlanningCalendar.Today(time));

        // The same slug may return in a later mandate period: the year decides which period's area is meant.
        var yearForPeriod = budgetYear ?? current?.BudgetYear;
        var area = candidates.FirstOrDefault(a => yearForPeriod >= a.Period.StartYear && yearForPeriod <= a.Period.EndYear)
            ?? (budgetYear is null ? candidates.MaxBy(a => a.Period.StartYear) : null);
        if (area is null)
        {
            return (AreaPageLookup.UnknownYear, null);
        }

        var years = cycles
            .Where(c => c.MunicipalityId == area.MunicipalityId && c.BudgetYear >= area.Period.StartYear && c.BudgetYear <= area.Period.EndYear)
            .Select(c => c.BudgetYear)
            .Order()
            .ToList();
        var year = budgetYear
            ?? (current is not null && years.Contains(current.BudgetYear) ? current.BudgetYear : years.LastOrDefault());
        if (budgetYear is not null && !years.Contains(budgetYear.Value))
        {
            return (AreaPageLookup.UnknownYear, null);
        }

        var decided = years.Count == 0 ? [] : await db.LatestForYearAsync(year, ct);
        var organisations = decided
            .Select(p => new AreaOrganisationGoals(
                p.OrganisationSlug,
                p.OrganisationName,
                p.OrganisationKind,
                p.Kind,
                p.VersionNumber,
                [.. p.Snapshot.Goals
                    .Where(g => g.Areas.Any(a => a.Slug == area.Slug))
                    .Select(g => new AreaGoal(g.Title, g.Description, [.. g.Areas.Where(a => a.Slug != area.Slug)]))]))
            .Where(o => o.Goals.Count > 0)
            .OrderBy(o => o.Kind)
            .ThenBy(o => o.Name, Swedish.Comparer)
            .ToList();

        var ambitionIds = area.Ambitions.Select(a => a.Id).ToList();
        var values = (await db.AmbitionMeasurements.AsNoTracking()
                .Where(m => ambitionIds.Contains(m.AreaAmbitionId))
                .Select(m => new { m.AreaAmbitionId, Point = new Organisations.MeasurementPoint(m.Period, m.Value, m.Source, m.FetchedAtUtc) })
                .ToListAsync(ct))
            .ToLookup(m => m.AreaAmbitionId, m => m.Point);

        return (AreaPageLookup.Found, new AreaPageModel(
            area.Slug,
            area.Title,
            area.Lead,
            [.. area.Body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            area.Period,
            [.. area.Ambitions.Select(a => a with { Values = [.. values[a.Id].OrderBy(v => v.Period, StringComparer.Ordinal)] })],
            year,
            years,
            organisations));
    }
}
