using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Dashboard;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Organisations;

namespace Sandviken.Strategy.Domain.FollowUps;

/// <summary>How many of a set of goals were assessed as what. Goals without a follow-up count as not assessed.</summary>
public sealed record AssessmentCounts(int Met, int PartlyMet, int NotMet, int NotAssessed)
{
    public static readonly AssessmentCounts None = new(0, 0, 0, 0);

    public int Total => Met + PartlyMet + NotMet + NotAssessed;

    public AssessmentCounts Add(Assessment? assessment) => assessment switch
    {
        Assessment.Met => this with { Met = Met + 1 },
        Assessment.PartlyMet => this with { PartlyMet = PartlyMet + 1 },
        Assessment.NotMet => this with { NotMet = NotMet + 1 },
        _ => this with { NotAssessed = NotAssessed + 1 },
    };
}

public sealed record FollowUpRollUp(
    int BudgetYear,
    IReadOnlyList<(string Slug, string Name, OrganisationKind Kind, AssessmentCounts Counts)> Organisations,
    IReadOnlyList<(string Slug, string Title, AssessmentCounts Counts)> Areas,
    IReadOnlyDictionary<int, GoalAssessment> ByGoal);

/// <summary>The assessment that counts for a goal: the annual report's when there is one, else the interim report's.</summary>
public sealed record GoalAssessment(int GoalId, FollowUpPoint Point, Assessment Assessment, string? Comment, DateTime RecordedAtUtc);

/// <summary>Roll-ups of the follow-up of the goals in the latest decided version of each plan of a budget year.</summary>
public sealed class FollowUpRollUpReader(IDbContextFactory<StrategyDbContext> dbFactory)
{
    /// <param name="filter">Which organisations count, in the per-organisation and the per-area roll-up alike.</param>
    public async Task<FollowUpRollUp> ReadAsync(int budgetYear, OrganisationFilter filter = OrganisationFilter.All, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var plans = (await db.LatestForYearAsync(budgetYear, ct))
            .Where(p => filter.Includes(p.OrganisationKind))
            .ToList();
        var goalIds = plans.SelectMany(p => p.Snapshot.Goals).Select(g => g.GoalId).ToList();
        var followUps = await db.FollowUps.AsNoTracking()
            .Where(f => goalIds.Contains(f.GoalId))
            .Select(f => new { f.GoalId, f.Point, f.Assessment, f.Comment, f.RecordedAtUtc })
            .ToListAsync(ct);
        var byGoal = followUps
            .GroupBy(f => f.GoalId)
            .Select(g => g.OrderByDescending(f => f.Point).First())
            .ToDictionary(f => f.GoalId, f => new GoalAssessment(f.GoalId, f.Point, f.Assessment, f.Comment, f.RecordedAtUtc));
        var areas = await db.StrategicAreas.AsNoTracking()
            .Where(a => a.MandatePeriod.StartYear <= budgetYear && a.MandatePeriod.EndYear >= budgetYear)
            .OrderBy(a => a.SortOrder)
            .Select(a => new { a.Slug, a.Title })
            .ToListAsync(ct);

        AssessmentCounts Count(IEnumerable<GoalSnapshot> goals) =>
            goals.Aggregate(AssessmentCounts.None, (counts, g) => counts.Add(byGoal.TryGetValue(g.GoalId, out var a) ? a.Assessment : null));

        return new FollowUpRollUp(
            budgetYear,
            [.. plans.OrderBy(p => p.OrganisationKind).ThenBy(p => p.OrganisationName, Swedish.Comparer)
                .Select(p => (p.OrganisationSlug, p.OrganisationName, p.OrganisationKind, Count(p.Snapshot.Goals)))],
            [.. areas.Select(a => (a.Slug, a.Title, Count(plans.SelectMany(p => p.Snapshot.Goals).Where(g => g.Areas.Any(x => x.Slug == a.Slug)))))],
            byGoal);
    }
}
