using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Planning;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Feeds;

/// <summary>Reads and writes the feed tests make through the portal's own services and database.</summary>
public static class FeedTestData
{
    public static async Task<T> WithDbAsync<T>(this FeedsPortal portal, Func<StrategyDbContext, Task<T>> read)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<StrategyDbContext>>().CreateDbContextAsync();
        return await read(db);
    }

    /// <summary>Empties the public cache, as any write through the portal does.</summary>
    public static async Task EvictAsync(this FeedsPortal portal) =>
        await portal.Services.GetRequiredService<IPublicContentListener>().PublicContentChangedAsync();

    /// <summary>
    /// Records the next decision of a plan that still lacks its September decision, through the domain service as a
    /// secretary's form does, a minute after everything recorded before. Returns the plan's organisation and year.
    /// </summary>
    public static async Task<(string Slug, int BudgetYear, DecisionKind Kind)> RecordDecisionAsync(this FeedsPortal portal, string reference)
    {
        var plan = await portal.WithDbAsync(db => db.Plans
            .Where(p => p.Goals.Any() && p.Organisation.IsActive && !p.Decisions.Any(d => d.Kind == DecisionKind.Final))
            .OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Organisation.Slug, p.BudgetYear, HasDraft = p.Decisions.Any(d => d.Kind == DecisionKind.Draft) })
            .FirstAsync());
        var kind = plan.HasDraft ? DecisionKind.Final : DecisionKind.Draft;
        portal.Clock.Advance(TimeSpan.FromMinutes(1));
        await using var scope = portal.Services.CreateAsyncScope();
        var admin = await Browserless.PrincipalOfAsync(scope, "admin@sandviken.example");
        await scope.ServiceProvider.GetRequiredService<DecisionService>().RecordDecisionAsync(admin, plan.Id,
            new DecisionInput(kind, PlanningCalendar.Today(portal.Clock), "Flödestestnämnden", reference));
        return (plan.Slug, plan.BudgetYear, kind);
    }
}
