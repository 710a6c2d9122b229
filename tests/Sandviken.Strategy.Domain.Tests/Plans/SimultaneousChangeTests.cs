using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Plans;
using Sandviken.Strategy.Domain.Tests.Infrastructure;
using Sandviken.Strategy.Domain.Users;
using Sandviken.Strategy.Domain.Validation;
using static Sandviken.Strategy.Domain.Tests.Infrastructure.Plans;

namespace Sandviken.Strategy.Domain.Tests.Plans;

/// <summary>Two changes to the same plan at the same moment: the later one fails whole with a clear message.</summary>
public sealed class SimultaneousChangeTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private Services services = null!;
    private ClaimsPrincipal secretary = null!;
    private int planId;
    private int area;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateSeededAsync();
        services = new Services(database);
        secretary = await database.CreateAsync("sekreterare@test", Roles.Secretary, "overformyndarnamnden-i-vastra-gastrikland");
        planId = await database.PlanIdAsync("overformyndarnamnden-i-vastra-gastrikland", 2026);
        area = await database.AreaIdAsync("vaxa-for-framtiden");
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Adding_a_goal_while_someone_else_changes_the_plan_saves_nothing()
    {
        var before = await CountsAsync();
        database.Interceptors.Add(new SomeoneElseChangesThePlan(planId));

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => services.Editing.AddGoalAsync(secretary, planId, Goal("Samtidigt", area)));

        Assert.Contains("Någon annan ändrade planen i samma ögonblick", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Recording_a_decision_while_someone_else_changes_the_plan_freezes_nothing()
    {
        var before = await CountsAsync();
        database.Interceptors.Add(new SomeoneElseChangesThePlan(planId));

        await Assert.ThrowsAsync<RuleViolationException>(() =>
            services.Decisions.RecordDecisionAsync(secretary, planId, new DecisionInput(DecisionKind.Draft, new(2026, 11, 20), "Överförmyndarnämnden", "§ 9")));

        Assert.Equal(before, await CountsAsync());
        Assert.Equal(PlanStatus.Draft, await database.StatusAsync(planId));
    }

    [Fact]
    public async Task The_conflict_names_who_last_changed_that_goal_not_another_one()
    {
        var colleague = await database.CreateAsync("kollega@test", Roles.Secretary, "overformyndarnamnden-i-vastra-gastrikland");
        var mine = await services.Editing.AddGoalAsync(secretary, planId, Goal("Mitt mål", area));
        await services.Editing.UpdateGoalAsync(colleague, mine.Id, mine.ConcurrencyToken, Goal("Kollegans ändring", area));
        await services.Editing.AddGoalAsync(secretary, planId, Goal("Ett annat mål", area));

        var conflict = await Assert.ThrowsAsync<GoalConflictException>(() =>
            services.Editing.UpdateGoalAsync(secretary, mine.Id, mine.ConcurrencyToken, Goal("Min ändring", area)));

        Assert.Equal("kollega@test", conflict.ChangedBy);
    }

    private async Task<(int, int, int, int)> CountsAsync()
    {
        await using var db = database.CreateDbContext();
        return (await db.Goals.CountAsync(), await db.Decisions.CountAsync(), await db.PlanVersions.CountAsync(), await db.AuditEntries.CountAsync());
    }

    /// <summary>Just before the service saves, another session renews the plan's token.</summary>
    private sealed class SomeoneElseChangesThePlan(int planId) : SaveChangesInterceptor
    {
        private bool done;

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (!done && eventData.Context is { } context)
            {
                done = true;
                await context.Database.ExecuteSqlAsync($"UPDATE \"Plans\" SET \"ConcurrencyToken\" = {Guid.NewGuid()} WHERE \"Id\" = {planId}", cancellationToken);
            }

            return result;
        }
    }
}
