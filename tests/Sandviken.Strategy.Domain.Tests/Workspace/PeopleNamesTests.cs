using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Auditing;
using Sandviken.Strategy.Domain.FollowUps;
using Sandviken.Strategy.Domain.Seeding;
using Sandviken.Strategy.Domain.Tests.Infrastructure;
using Sandviken.Strategy.Domain.Users;
using static Sandviken.Strategy.Domain.Tests.Infrastructure.Plans;

namespace Sandviken.Strategy.Domain.Tests.Workspace;

/// <summary>The workspace's history, decision and follow-up rows name people, not their e-mail addresses.</summary>
public sealed class PeopleNamesTests : IAsyncLifetime
{
    private const string SecretaryEmail = "sara@sandviken.test";
    private TestDatabase database = null!;
    private Services services = null!;
    private ClaimsPrincipal secretary = null!;
    private int planId;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateSeededAsync();
        services = new Services(database);
        secretary = await database.CreateAsync(SecretaryEmail, Roles.Secretary, "overformyndarnamnden-i-vastra-gastrikland");
        await SetDisplayNameAsync(SecretaryEmail, "Sara Sekreterare");
        planId = await database.PlanIdAsync("overformyndarnamnden-i-vastra-gastrikland", 2026); // Utkast, no decisions
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task History_decisions_and_follow_ups_show_the_persons_name()
    {
        var goal = await services.Editing.AddGoalAsync(secretary, planId, Goal("Snabbare handläggning", await database.AreaIdAsync("vaxa-for-framtiden")));
        await services.Decisions.RecordDecisionAsync(secretary, planId, Draft(new(2026, 11, 20)));
        await services.FollowUps.RecordFollowUpAsync(secretary, goal.Id, new FollowUpInput(FollowUpPoint.InterimReport, Assessment.Met, null));

        var history = await services.Workspace.ReadHistoryAsync(secretary, planId);
        var working = await services.Workspace.ReadPlanAsync(secretary, planId);

        Assert.Equal([AuditActions.FollowUpRecord, AuditActions.DecisionRecord, AuditActions.GoalAdd], history.Take(3).Select(h => h.Action));
        Assert.All(history.Take(3), h => Assert.Equal("Sara Sekreterare", h.User));
        Assert.Equal("Sara Sekreterare", Assert.Single(working.Decisions).RecordedBy);
        Assert.Equal("Sara Sekreterare", Assert.Single(working.FollowUps).RecordedBy);
        // What is stored is still the user name, which never changes; only the reading shows the name.
        await using var db = database.CreateDbContext();
        Assert.Equal(SecretaryEmail, await db.Decisions.Where(d => d.PlanId == planId).Select(d => d.RecordedBy).SingleAsync());
    }

    [Fact]
    public async Task A_renamed_person_is_shown_by_their_new_name_in_earlier_rows()
    {
        await services.Editing.AddGoalAsync(secretary, planId, Goal("Snabbare handläggning", await database.AreaIdAsync("vaxa-for-framtiden")));
        await SetDisplayNameAsync(SecretaryEmail, "Sara Nygren");

        var history = await services.Workspace.ReadHistoryAsync(secretary, planId);

        Assert.Equal("Sara Nygren", history.First(h => h.Action == AuditActions.GoalAdd).User);
    }

    [Fact]
    public async Task Without_a_name_the_e_mail_address_is_shown_and_the_seed_keeps_its_own_label()
    {
        await services.Editing.AddGoalAsync(secretary, planId, Goal("Snabbare handläggning", await database.AreaIdAsync("vaxa-for-framtiden")));
        await SetDisplayNameAsync(SecretaryEmail, "  ");
        var decided = await database.PlanIdAsync("kunskapsnamnden", 2025);

        var history = await services.Workspace.ReadHistoryAsync(secretary, planId);
        var seeded = await services.Workspace.ReadPlanAsync(await database.CreateAsync("politiker@test", Roles.Politician), decided);

        Assert.Equal(SecretaryEmail, history.First(h => h.Action == AuditActions.GoalAdd).User);
        Assert.All(seeded.Decisions, d => Assert.Equal(SeedLoader.SeedUser, d.RecordedBy));
    }

    private async Task SetDisplayNameAsync(string userName, string displayName)
    {
        await using var db = database.CreateDbContext();
        var user = await db.Users.SingleAsync(u => u.UserName == userName);
        user.DisplayName = displayName;
        await db.SaveChangesAsync();
    }
}
