using Sandviken.Strategy.Domain.Decisions;

namespace Sandviken.Strategy.Domain.Tests.Decisions;

public sealed class PlanSnapshotCacheTests
{
    private static readonly PlanSnapshot Snapshot = new("kunskapsnamnden", "Kunskapsnämnden", 2026, []);

    [Fact]
    public void A_version_seen_before_is_not_parsed_again()
    {
        var cache = new PlanSnapshotCache();
        var json = Snapshot.ToJson();
        var sha = PlanSnapshot.Sha256Of(json);

        var first = cache.Parse(sha, json);

        // Versions are write-once: the same hash is the same content, so the content is not even read the second time.
        Assert.Same(first, cache.Parse(sha, "not json"));
        Assert.Equal(Snapshot with { Goals = first.Goals }, first);
    }

    [Fact]
    public void Each_cache_keeps_its_own_snapshots()
    {
        var json = Snapshot.ToJson();
        var sha = PlanSnapshot.Sha256Of(json);
        var one = new PlanSnapshotCache();
        one.Parse(sha, json);

        var other = new PlanSnapshotCache();

        Assert.Equal(1, one.Count);
        Assert.Equal(0, other.Count);
        Assert.NotSame(one.Parse(sha, json), other.Parse(sha, json));
    }

    [Fact]
    public void A_full_cache_is_emptied_before_it_takes_more()
    {
        var cache = new PlanSnapshotCache(capacity: 2);
        foreach (var year in new[] { 2024, 2025, 2026 })
        {
            var json = (Snapshot with { BudgetYear = year }).ToJson();
            cache.Parse(PlanSnapshot.Sha256Of(json), json);
        }

        Assert.Equal(1, cache.Count);
    }
}
