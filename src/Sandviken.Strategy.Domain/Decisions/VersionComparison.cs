namespace Sandviken.Strategy.Domain.Decisions;

/// <summary>What changed between two frozen versions of a plan, goal by goal (matched on the goal's id).</summary>
public sealed record VersionComparison(
    int FromVersion,
    int ToVersion,
    IReadOnlyList<GoalSnapshot> Added,
    IReadOnlyList<GoalSnapshot> Removed,
    IReadOnlyList<GoalChange> Changed)
{
    public bool HasChanges => Added.Count + Removed.Count + Changed.Count > 0;

    public static VersionComparison Between(int fromVersion, PlanSnapshot from, int toVersion, PlanSnapshot to)
    {
        var before = from.Goals.ToDictionary(g => g.GoalId);
        var after = to.Goals.ToDictionary(g => g.GoalId);
        return new VersionComparison(
            fromVersion,
            toVersion,
            [.. to.Goals.Where(g => !before.ContainsKey(g.GoalId))],
            [.. from.Goals.Where(g => !after.ContainsKey(g.GoalId))],
            [.. to.Goals
                .Where(g => before.ContainsKey(g.GoalId))
                .Select(g => GoalChange.Between(before[g.GoalId], g))
                .Where(c => c.HasChanges)]);
    }
}

/// <summary>One goal in both versions, and how it differs.</summary>
public sealed record GoalChange(
    GoalSnapshot Before,
    GoalSnapshot After,
    bool TitleChanged,
    bool DescriptionChanged,
    bool IndicatorsChanged,
    IReadOnlyList<AreaReference> AreasAdded,
    IReadOnlyList<AreaReference> AreasRemoved)
{
    public bool HasChanges => TitleChanged || DescriptionChanged || IndicatorsChanged || AreasAdded.Count + AreasRemoved.Count > 0;

    public static GoalChange Between(GoalSnapshot before, GoalSnapshot after) => new(
        before,
        after,
        before.Title != after.Title,
        (before.Description ?? "") != (after.Description ?? ""),
        // Ids only tie values to indicators; what was decided is the rest.
        !before.Indicators.Select(i => i with { IndicatorId = 0 }).SequenceEqual(after.Indicators.Select(i => i with { IndicatorId = 0 })),
        [.. after.Areas.Where(a => before.Areas.All(b => b.Slug != a.Slug))],
        [.. before.Areas.Where(b => after.Areas.All(a => a.Slug != b.Slug))]);
}
