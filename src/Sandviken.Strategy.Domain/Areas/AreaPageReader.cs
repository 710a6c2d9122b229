using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Dashboard;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.FollowUps;
using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Domain.Planning;
using Sandviken.Strategy.Domain.Plans;

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

    /// <summary>The area's column of the dashboard's träffbild: every organisation of the year with its goals for the area.</summary>
    public CoverageModel Coverage { get; init; } = new(BudgetYear, [], []);

    /// <summary>The follow-up of the area's goals (all zero when no goal is linked).</summary>
    public AssessmentCounts FollowUp { get; init; } = AssessmentCounts.None;
}

public sealed record AmbitionView(int Id, string Text, decimal? TargetValue, string? Unit, int? TargetYear, string? KoladaKpiId)
{
    /// <summary>The key figure's values, oldest first (filled in by the reader).</summary>
    public IReadOnlyList<MeasurementPoint> Values { get; init; } = [];

    public Pace? Pace => Areas.Pace.Assess(
        [.. Values.Where(v => int.TryParse(v.Period, CultureInfo.InvariantCulture, out _)).Select(v => (int.Parse(v.Period, CultureInfo.InvariantCulture), v.Value))],
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

/// <summary>The reader of an area page: three SQL commands whatever the number of organisations.</summary>
public sealed class AreaPageReader(IDbContextFactory<StrategyDbContext> dbFactory, TimeProvider time, PlanSnapshotCache snapshots)
{
    /// <param name="budgetYear">The budget year to show, or null for the year the public pages show (or the period's last).</param>
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
                Ambitions = a.Ambitions.OrderBy(m => m.SortOrder).Select(m => new
                {
                    View = new AmbitionView(m.Id, m.Text, m.TargetValue, m.Unit, m.TargetYear, m.KoladaKpiId),
                    Values = db.AmbitionMeasurements.Where(v => v.AreaAmbitionId == m.Id)
                        .Select(v => new MeasurementPoint(v.Period, v.Value, v.Source, v.FetchedAtUtc))
                        .ToList(),
                }).ToList(),
                Cycles = db.PlanningCycles.Where(c => c.MunicipalityId == a.MandatePeriod.MunicipalityId).Select(c => new
                {
                    c.BudgetYear, c.DraftDeadline, c.FinalDeadline,
                    HasAreas = db.StrategicAreas.Any(x => x.MandatePeriod.MunicipalityId == c.MunicipalityId
                        && x.MandatePeriod.StartYear <= c.BudgetYear && x.MandatePeriod.EndYear >= c.BudgetYear),
                }).ToList(),
            })
            .ToListAsync(ct);
        if (candidates.Count == 0)
        {
            return (AreaPageLookup.UnknownArea, null);
        }

        var cycles = candidates[0].Cycles
            .Select(c => new CycleDates(candidates[0].MunicipalityId, c.BudgetYear, c.DraftDeadline, c.FinalDeadline, c.HasAreas))
            .ToList();
        var shown = PlanningCalendar.ShownCycle(cycles, PlanningCalendar.Today(time));

        // The same slug may return in a later mandate period: the year decides which period's area is meant.
        var yearForPeriod = budgetYear ?? shown?.BudgetYear;
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
            ?? (shown is not null && years.Contains(shown.BudgetYear) ? shown.BudgetYear : years.LastOrDefault());
        if (budgetYear is not null && !years.Contains(budgetYear.Value))
        {
            return (AreaPageLookup.UnknownYear, null);
        }

        var organisationsOfYear = years.Count == 0 ? [] : await db.OrganisationsOfYearAsync(snapshots, area.MunicipalityId, year, OrganisationFilter.All, ct);
        var organisations = organisationsOfYear
            .Where(o => o.Decided is not null)
            .Select(o => new AreaOrganisationGoals(
                o.Slug,
                o.Name,
                o.Kind,
                o.Decided!.Kind,
                o.Decided.VersionNumber,
                [.. o.Goals
                    .Where(g => g.Areas.Any(a => a.Slug == area.Slug))
                    .Select(g => new AreaGoal(g.Title, g.Description, [.. g.Areas.Where(a => a.Slug != area.Slug)]))]))
            .Where(o => o.Goals.Count > 0)
            .ToList();
        var areaGoals = organisationsOfYear.SelectMany(o => o.Goals).Where(g => g.Areas.Any(a => a.Slug == area.Slug)).ToList();
        var followUp = areaGoals.Count == 0 ? AssessmentCounts.None : AssessmentCounts.Of(areaGoals, await db.AssessmentsOfYearAsync(year, ct));

        return (AreaPageLookup.Found, new AreaPageModel(
            area.Slug,
            area.Title,
            area.Lead,
            [.. area.Body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            area.Period,
            [.. area.Ambitions.Select(a => a.View with { Values = [.. a.Values.OrderBy(v => v.Period, StringComparer.Ordinal)] })],
            year,
            years,
            organisations)
        {
            Coverage = CoverageModel.From(year, [new AreaReference(area.Slug, area.Title)], organisationsOfYear),
            FollowUp = followUp,
        });
    }
}
