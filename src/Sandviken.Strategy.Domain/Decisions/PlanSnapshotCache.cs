using System.Collections.Concurrent;

namespace Sandviken.Strategy.Domain.Decisions;

/// <summary>
/// Parsed <see cref="PlanSnapshot"/>s kept by their content's SHA-256, so the public readers parse each frozen version
/// once. One instance per application (a singleton in DI); tests make their own. Bounded, and simply emptied when full.
/// </summary>
public sealed class PlanSnapshotCache
{
    // Safe to cache: a plan version is written once and never changed (IWriteOnce), and the same hash is the same
    // content in any database.
    private readonly ConcurrentDictionary<string, PlanSnapshot> snapshots = new(StringComparer.Ordinal);
    private readonly int capacity;

    public PlanSnapshotCache()
        : this(4096)
    {
    }

    internal PlanSnapshotCache(int capacity) => this.capacity = capacity;

    /// <summary>How many parsed snapshots are kept now.</summary>
    public int Count => snapshots.Count;

    /// <summary>The snapshot of a frozen version: parsed from <paramref name="content"/> unless its hash was seen before.</summary>
    public PlanSnapshot Parse(string sha256, string content)
    {
        if (snapshots.TryGetValue(sha256, out var known))
        {
            return known;
        }

        if (snapshots.Count >= capacity)
        {
            snapshots.Clear();
        }

        var snapshot = PlanSnapshot.FromJson(content);
        snapshots.TryAdd(sha256, snapshot);
        return snapshot;
    }
}
