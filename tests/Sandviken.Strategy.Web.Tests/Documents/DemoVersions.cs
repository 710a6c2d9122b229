using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Documents;

/// <summary>A decided version as the database holds it, with its decision: what its document must say.</summary>
public sealed record StoredVersion(
    int PlanId, string Slug, string OrganisationName, int BudgetYear, int Number, DecisionKind Kind, string Sha256, PlanSnapshot Snapshot,
    DateOnly DecidedOn, string DecidedBy, string Reference)
{
    public string Url => $"/organisationer/{Slug}/{BudgetYear}/versioner/{Number}.docx";
}

public static class DemoVersions
{
    public static async Task<List<StoredVersion>> ReadAsync(PortalFactory portal)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<StrategyDbContext>>().CreateDbContextAsync();
        var rows = await db.Decisions.AsNoTracking()
            .OrderBy(d => d.PlanId).ThenBy(d => d.PlanVersion.Number)
            .Select(d => new
            {
                d.PlanId, d.Plan.Organisation.Slug, d.Plan.Organisation.Name, d.Plan.BudgetYear, d.PlanVersion.Number, d.Kind,
                d.PlanVersion.ContentSha256, d.PlanVersion.Content, d.DecidedOn, d.DecidedBy, d.Reference,
            })
            .ToListAsync();
        return [.. rows.Select(r => new StoredVersion(
            r.PlanId, r.Slug, r.Name, r.BudgetYear, r.Number, r.Kind, r.ContentSha256, PlanSnapshot.FromJson(r.Content), r.DecidedOn, r.DecidedBy, r.Reference))];
    }

    /// <summary>The area slugs of the budget year's mandate period in the council's order.</summary>
    public static async Task<List<(string Slug, string Title)>> AreasAsync(PortalFactory portal, int budgetYear)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<StrategyDbContext>>().CreateDbContextAsync();
        return [.. (await db.StrategicAreas.AsNoTracking()
                .Where(a => a.MandatePeriod.StartYear <= budgetYear && a.MandatePeriod.EndYear >= budgetYear)
                .OrderBy(a => a.SortOrder)
                .Select(a => new { a.Slug, a.Title })
                .ToListAsync())
            .Select(a => (a.Slug, a.Title))];
    }
}
