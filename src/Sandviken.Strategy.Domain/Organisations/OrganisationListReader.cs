using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Data;

namespace Sandviken.Strategy.Domain.Organisations;

public sealed record OrganisationListItem(
    string Slug,
    string Name,
    OrganisationKind Kind,
    string? ParentName,
    bool IsActive,
    IReadOnlyList<int> PlanYears);

/// <summary>The reader of /organisationer: one SQL command.</summary>
public sealed class OrganisationListReader(IDbContextFactory<StrategyDbContext> dbFactory)
{
    public async Task<IReadOnlyList<OrganisationListItem>> ReadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Organisations.AsNoTracking()
            .Select(o => new OrganisationListItem(
                o.Slug,
                o.Name,
                o.Kind,
                o.Parent == null ? null : o.Parent.Name,
                o.IsActive,
                db.Plans.Where(p => p.OrganisationId == o.Id && p.Versions.Any()).OrderBy(p => p.BudgetYear).Select(p => p.BudgetYear).ToList()))
            .ToListAsync(ct);
        return [.. rows.OrderBy(o => o.Kind).ThenBy(o => o.Name, Swedish.Comparer)];
    }
}
