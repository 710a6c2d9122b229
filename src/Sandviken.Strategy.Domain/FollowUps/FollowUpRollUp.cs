using Microsoft.EntityFrameworkCore;
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

    /// <summary>The counts of <paramref name="goals"/> with the assessments that count for them.</summary>
    public static AssessmentCounts Of(IEnumerable<GoalSnapshot> goals, IReadOnlyDictionary<int, GoalAssessment> assessments) =>
        goals.Aggregate(None, (counts, g) => counts.Add(assessments.TryGetValue(g.GoalId, out var a) ? a.Assessment : null));
}

/// <summary>The assessment that counts for a goal: the annual report's when there is one, else the interim report's.</summary>
public sealed record GoalAssessment(int GoalId, FollowUpPoint Point, Assessment Assessment, string? Comment, DateTime RecordedAtUtc);

public static class GoalAssessments
{
    /// <summary>Per goal, the follow-up that counts (ADR 0019): the latest follow-up point.</summary>
    public static Dictionary<int, GoalAssessment> ThatCount(IEnumerable<GoalAssessment> followUps) =>
        followUps.GroupBy(f => f.GoalId).ToDictionary(g => g.Key, g => g.MaxBy(f => f.Point)!);

    /// <summary>
    /// The assessment that counts for each goal of the budget year's plans (ADR 0019: the annual report's, else the
    /// interim report's): one SQL command.
    /// </summary>
    internal static async Task<Dictionary<int, GoalAssessment>> AssessmentsOfYearAsync(this StrategyDbContext db, int budgetYear, CancellationToken ct) =>
        ThatCount(await db.FollowUps.AsNoTracking()
            .Where(f => f.Goal.Plan.BudgetYear == budgetYear)
            .Select(f => new GoalAssessment(f.GoalId, f.Point, f.Assessment, f.Comment, f.RecordedAtUtc))
            .ToListAsync(ct));
}

/// <summary>Roll-ups of the follow-up of the goals in the latest decided version of each plan of a budget year.</summary>
public sealed record FollowUpRollUp(
    int BudgetYear,
    IReadOnlyList<(string Slug, string Name, OrganisationKind Kind, AssessmentCounts Counts)> Organisations,
    IReadOnlyList<(string Slug, string Title, AssessmentCounts Counts)> Areas,
    IReadOnlyDictionary<int, GoalAssessment> ByGoal)
{
    /// <param name="organisations">The organisations that count (already filtered), in the order to show.</param>
    public static FollowUpRollUp From(
        int budgetYear,
        IEnumerable<OrganisationYear> organisations,
        IEnumerable<AreaReference> areas,
        IReadOnlyDictionary<int, GoalAssessment> assessments)
    {
        var decided = organisations.Where(o => o.Decided is not null).ToList();
        var goals = decided.SelectMany(o => o.Goals).ToList();
        return new FollowUpRollUp(
            budgetYear,
            [.. decided.Select(o => (o.Slug, o.Name, o.Kind, AssessmentCounts.Of(o.Goals, assessments)))],
            [.. areas.Select(a => (a.Slug, a.Title, AssessmentCounts.Of(goals.Where(g => g.Areas.Any(x => x.Slug == a.Slug)), assessments)))],
            assessments);
    }
}
