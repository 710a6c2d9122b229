using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.FollowUps;

namespace Sandviken.Strategy.Domain.Tests.Infrastructure;

/// <summary>
/// The concurrency token a form would have read just now (ADR 0032), for tests whose subject is not the stale form
/// itself. Guid.Empty where there is no such row (a refused attempt on something that does not exist).
/// </summary>
public static class Tokens
{
    public static async Task<Guid> OrganisationTokenAsync(this TestDatabase database, int organisationId)
    {
        await using var db = database.CreateDbContext();
        return await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.ConcurrencyToken).FirstOrDefaultAsync();
    }

    public static async Task<Guid> UserTokenAsync(this TestDatabase database, string userId)
    {
        await using var db = database.CreateDbContext();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.ConcurrencyToken).FirstOrDefaultAsync();
    }

    public static async Task<Guid> AreaTokenAsync(this TestDatabase database, int areaId)
    {
        await using var db = database.CreateDbContext();
        return await db.StrategicAreas.Where(a => a.Id == areaId).Select(a => a.ConcurrencyToken).FirstOrDefaultAsync();
    }

    public static async Task<Guid> AmbitionTokenAsync(this TestDatabase database, int ambitionId)
    {
        await using var db = database.CreateDbContext();
        return await db.AreaAmbitions.Where(a => a.Id == ambitionId).Select(a => a.ConcurrencyToken).FirstOrDefaultAsync();
    }

    /// <summary>Null when the budget year has no cycle yet.</summary>
    public static async Task<Guid?> CycleTokenAsync(this TestDatabase database, int budgetYear)
    {
        await using var db = database.CreateDbContext();
        return await db.PlanningCycles.Where(c => c.BudgetYear == budgetYear).Select(c => (Guid?)c.ConcurrencyToken).FirstOrDefaultAsync();
    }

    /// <summary>Null when the goal has no assessment at the point yet.</summary>
    public static async Task<Guid?> FollowUpTokenAsync(this TestDatabase database, int goalId, FollowUpPoint point)
    {
        await using var db = database.CreateDbContext();
        return await db.FollowUps.Where(f => f.GoalId == goalId && f.Point == point).Select(f => (Guid?)f.ConcurrencyToken).FirstOrDefaultAsync();
    }

    /// <summary>Null when the indicator has no hand-entered value for the period yet.</summary>
    public static async Task<Guid?> MeasurementTokenAsync(this TestDatabase database, int indicatorId, string period)
    {
        await using var db = database.CreateDbContext();
        return await db.Measurements
            .Where(m => m.IndicatorId == indicatorId && m.Period == period && m.Source == FollowUpService.ManualSource)
            .Select(m => (Guid?)m.ConcurrencyToken)
            .FirstOrDefaultAsync();
    }
}
