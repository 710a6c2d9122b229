using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Plans;

namespace Sandviken.Strategy.Domain.Tests.Decisions;

public sealed class VersionComparisonTests
{
    private static readonly AreaReference Growth = new("vaxa-for-framtiden", "Växa för framtiden");
    private static readonly AreaReference Climate = new("minskad-klimatpaverkan", "Minskad klimatpåverkan");
    private static readonly IndicatorSnapshot Indicator = new("Andel", "procent", IndicatorDirection.Increase, 1m, 2024, 2m, 2026, null);

    [Fact]
    public void Added_removed_and_changed_goals_and_changed_area_links_are_reported()
    {
        var draft = Snapshot(
            new GoalSnapshot(1, "Oförändrat", "Text", [Growth], [Indicator]),
            new GoalSnapshot(2, "Tas bort", null, [Growth], []),
            new GoalSnapshot(3, "Gammal rubrik", "Text", [Growth], [Indicator]));
        var final = Snapshot(
            new GoalSnapshot(1, "Oförändrat", "Text", [Growth], [Indicator]),
            new GoalSnapshot(3, "Ny rubrik", "Text", [Climate], [Indicator with { TargetValue = 3m }]),
            new GoalSnapshot(4, "Nytt", null, [Climate], []));

        var comparison = VersionComparison.Between(1, draft, 2, final);

        Assert.Equal("Nytt", Assert.Single(comparison.Added).Title);
        Assert.Equal("Tas bort", Assert.Single(comparison.Removed).Title);
        var change = Assert.Single(comparison.Changed);
        Assert.True(change is { TitleChanged: true, DescriptionChanged: false, IndicatorsChanged: true });
        Assert.Equal([Climate], change.AreasAdded);
        Assert.Equal([Growth], change.AreasRemoved);
        Assert.True(comparison.HasChanges);
    }

    [Fact]
    public void Identical_versions_have_no_changes()
    {
        var snapshot = Snapshot(new GoalSnapshot(1, "Mål", null, [Growth], [Indicator]));

        Assert.False(VersionComparison.Between(1, snapshot, 2, PlanSnapshot.FromJson(snapshot.ToJson())).HasChanges);
    }

    [Fact]
    public void An_indicator_id_alone_is_not_a_change()
    {
        // Versions frozen before ids were kept carry 0.
        var before = Snapshot(new GoalSnapshot(1, "Mål", null, [Growth], [Indicator with { IndicatorId = 0 }]));
        var after = Snapshot(new GoalSnapshot(1, "Mål", null, [Growth], [Indicator with { IndicatorId = 17 }]));

        Assert.False(VersionComparison.Between(1, before, 2, after).HasChanges);
    }

    private static PlanSnapshot Snapshot(params GoalSnapshot[] goals) => new("org", "Organisation", 2026, goals);
}
