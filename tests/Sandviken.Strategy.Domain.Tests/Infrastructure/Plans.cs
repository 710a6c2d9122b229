using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Plans;

namespace Sandviken.Strategy.Domain.Tests.Infrastructure;

/// <summary>Looks up seeded plans and areas by their natural keys.</summary>
public static class Plans
{
    public static async Task<int> PlanIdAsync(this TestDatabase database, string organisationSlug, int budgetYear)
    {
        await using var db = database.CreateDbContext();
        return await db.Plans.Where(p => p.Organisation.Slug == organisationSlug && p.BudgetYear == budgetYear).Select(p => p.Id).SingleAsync();
    }

    public static async Task<int> AreaIdAsync(this TestDatabase database, string slug)
    {
        await using var db = database.CreateDbContext();
        return await db.StrategicAreas.Where(a => a.Slug == slug).Select(a => a.Id).SingleAsync();
    }

    public static async Task<int> OrganisationIdAsync(this TestDatabase database, string slug)
    {
        await using var db = database.CreateDbContext();
        return await db.Organisations.Where(o => o.Slug == slug).Select(o => o.Id).SingleAsync();
    }

    public static async Task<PlanStatus> StatusAsync(this TestDatabase database, int planId)
    {
        await using var db = database.CreateDbContext();
        return await db.Plans.Where(p => p.Id == planId).Select(p => p.Status).SingleAsync();
    }

    public static GoalInput Goal(string title, params int[] areaIds) => new(title, "Beskrivning", areaIds, []);

    public static DecisionInput Draft(DateOnly on) => new(DecisionKind.Draft, on, "Kunskapsnämnden", "§ 12");

    public static DecisionInput Final(DateOnly on) => new(DecisionKind.Final, on, "Kunskapsnämnden", "§ 40");
}
