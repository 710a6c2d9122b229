using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Organisations;

namespace Sandviken.Strategy.Domain.Decisions;

/// <summary>The latest decided version of a plan, with its snapshot: what the public pages show.</summary>
public sealed record DecidedPlan(
    int PlanId,
    string OrganisationSlug,
    string OrganisationName,
    OrganisationKind OrganisationKind,
    int BudgetYear,
    DecisionKind Kind,
    int VersionNumber,
    PlanSnapshot Snapshot);

internal static class DecidedVersions
{
    // Frozen versions never change, so a parsed snapshot can be kept by its content's SHA-256: the same hash is the
    // same content in any database. Bounded, and simply emptied when full.
    private const int MaxCachedSnapshots = 4096;
    private static readonly ConcurrentDictionary<string, PlanSnapshot> Snapshots = new(StringComparer.Ordinal);

    /// <summary>
    /// The latest version of every plan of the budget year: one query for the versions, and one more for the content
    /// of those not parsed before.
    /// </summary>
    public static async Task<List<DecidedPlan>> LatestForYearAsync(this StrategyDbContext db, int budgetYear, CancellationToken ct)
    {
        var rows = await db.PlanVersions.AsNoTracking()
            .Where(v => v.Plan.BudgetYear == budgetYear
                && v.Number == db.PlanVersions.Where(o => o.PlanId == v.PlanId).Max(o => o.Number))
            .Select(v => new
            {
                v.Id,
                v.PlanId,
                v.Plan.Organisation.Slug,
                v.Plan.Organisation.Name,
                OrganisationKind = v.Plan.Organisation.Kind,
                v.Plan.BudgetYear,
                VersionKind = v.Kind,
                v.Number,
                v.ContentSha256,
            })
            .ToListAsync(ct);

        var missing = rows.Where(r => !Snapshots.ContainsKey(r.ContentSha256)).Select(r => r.Id).ToList();
        if (missing.Count > 0)
        {
            if (Snapshots.Count + missing.Count > MaxCachedSnapshots)
            {
                Snapshots.Clear();
            }

            var contents = await db.PlanVersions.AsNoTracking()
                .Where(v => missing.Contains(v.Id))
                .Select(v => new { v.ContentSha256, v.Content })
                .ToListAsync(ct);
            foreach (var content in contents)
            {
                Snapshots.TryAdd(content.ContentSha256, PlanSnapshot.FromJson(content.Content));
            }
        }

        var plans = new List<DecidedPlan>(rows.Count);
        foreach (var r in rows)
        {
            var snapshot = Snapshots.TryGetValue(r.ContentSha256, out var cached) ? cached : await LoadAsync(db, r.Id, ct);
            plans.Add(new DecidedPlan(r.PlanId, r.Slug, r.Name, r.OrganisationKind, r.BudgetYear, r.VersionKind, r.Number, snapshot));
        }

        return plans;
    }

    // Emptied by another request between the two queries: read this one directly.
    private static async Task<PlanSnapshot> LoadAsync(StrategyDbContext db, int versionId, CancellationToken ct) =>
        PlanSnapshot.FromJson(await db.PlanVersions.AsNoTracking().Where(v => v.Id == versionId).Select(v => v.Content).SingleAsync(ct));
}
