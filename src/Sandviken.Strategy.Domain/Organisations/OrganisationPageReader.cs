using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Planning;

namespace Sandviken.Strategy.Domain.Organisations;

public sealed record OrganisationPageModel(
    string Slug,
    string Name,
    OrganisationKind Kind,
    string? ParentSlug,
    string? ParentName,
    bool IsActive,
    bool IsDemo,
    IReadOnlyList<PlanSummary> Plans);

/// <summary>The reader of /organisationer/{slug}: two SQL commands whatever the number of plans.</summary>
public sealed class OrganisationPageReader(IDbContextFactory<StrategyDbContext> dbFactory, TimeProvider time)
{
    public async Task<OrganisationPageModel?> ReadAsync(string slug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var organisation = await db.Organisations.AsNoTracking()
            .Where(o => o.Slug == slug)
            .Select(o => new
            {
                o.Slug, o.Name, o.Kind, o.IsActive, o.IsDemo, o.MunicipalityId, o.AddedOn,
                ParentSlug = o.Parent == null ? null : o.Parent.Slug,
                ParentName = o.Parent == null ? null : o.Parent.Name,
                Plans = db.Plans.Where(p => p.OrganisationId == o.Id).Select(p => new
                {
                    p.BudgetYear,
                    p.Status,
                    Decisions = p.Decisions
                        .Select(d => new DecisionView(d.Kind, d.DecidedOn, d.DecidedBy, d.Reference, d.PlanVersion.Number))
                        .ToList(),
                }).ToList(),
            })
            .SingleOrDefaultAsync(ct);
        if (organisation is null)
        {
            return null;
        }

        var cycles = await db.PlanningCycles.AsNoTracking()
            .Where(c => c.MunicipalityId == organisation.MunicipalityId)
            .Select(c => new { c.BudgetYear, c.DraftDeadline, c.FinalDeadline })
            .ToListAsync(ct);
        var today = PlanningCalendar.Today(time);

        // A cycle without a plan is still a row: nothing decided, perhaps overdue.
        var years = organisation.Plans.Select(p => p.BudgetYear).Union(cycles.Select(c => c.BudgetYear));
        var plans = years.Select(year =>
        {
            var plan = organisation.Plans.SingleOrDefault(p => p.BudgetYear == year);
            var cycle = cycles.SingleOrDefault(c => c.BudgetYear == year);
            return PlanSummary.Of(year, plan?.Status, plan?.Decisions ?? [], cycle is null ? null : (cycle.DraftDeadline, cycle.FinalDeadline), organisation.AddedOn, today);
        });
        return new OrganisationPageModel(
            organisation.Slug, organisation.Name, organisation.Kind, organisation.ParentSlug, organisation.ParentName,
            organisation.IsActive, organisation.IsDemo, [.. plans.OrderByDescending(p => p.BudgetYear)]);
    }
}
