using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Plans;
using Sandviken.Strategy.Domain.Tests.Infrastructure;
using Sandviken.Strategy.Domain.Users;
using Sandviken.Strategy.Domain.Validation;
using static Sandviken.Strategy.Domain.Tests.Infrastructure.Plans;

namespace Sandviken.Strategy.Domain.Tests.Plans;

/// <summary>Every transition of DESIGN.md §3, allowed and refused.</summary>
public sealed class PlanLifecycleTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private TestDatabase database = null!;
    private Services services = null!;
    private System.Security.Claims.ClaimsPrincipal secretary = null!;
    private System.Security.Claims.ClaimsPrincipal admin = null!;
    private int planId;
    private int educationArea;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateSeededAsync();
        services = new Services(database);
        secretary = await database.CreateAsync("sekreterare@test", Roles.Secretary, "kunskapsnamnden");
        admin = await database.CreateAsync("admin@test", Roles.Administrator);
        educationArea = await database.AreaIdAsync("utbildning-som-gor-skillnad");
        await using var db = database.CreateDbContext();
        db.PlanningCycles.Add(new Sandviken.Strategy.Domain.Planning.PlanningCycle
        {
            MunicipalityId = (await db.Municipalities.SingleAsync()).Id,
            BudgetYear = 2027,
            DraftDeadline = new(2026, 4, 30),
            FinalDeadline = new(2026, 9, 30),
        });
        // The 2023–2026 areas do not cover 2027: extend the period in the test so goals can link to them.
        (await db.MandatePeriods.SingleAsync()).EndYear = 2027;
        await db.SaveChangesAsync();
        planId = await services.Editing.CreatePlanAsync(secretary, await database.OrganisationIdAsync("kunskapsnamnden"), 2027, copyPreviousYear: false);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task A_new_plan_starts_as_Utkast()
    {
        Assert.Equal(PlanStatus.Draft, await database.StatusAsync(planId));
    }

    [Fact]
    public async Task Utkast_to_UtkastBeslutat_to_Fastställd_each_freezing_a_version()
    {
        await services.Editing.AddGoalAsync(secretary, planId, Goal("Fler behöriga elever", educationArea));

        Assert.Equal(1, await services.Decisions.RecordDecisionAsync(secretary, planId, Draft(new(2026, 4, 20))));
        Assert.Equal(PlanStatus.DraftDecided, await database.StatusAsync(planId));

        // Editing continues after the April decision.
        await services.Editing.AddGoalAsync(secretary, planId, Goal("Trygg skolmiljö", educationArea));
        Assert.Equal(2, await services.Decisions.RecordDecisionAsync(secretary, planId, Final(new(2026, 9, 22))));
        Assert.Equal(PlanStatus.Final, await database.StatusAsync(planId));

        await using var db = database.CreateDbContext();
        var versions = await db.PlanVersions.Where(v => v.PlanId == planId).OrderBy(v => v.Number).ToListAsync();
        Assert.Equal([1, 2], PlanSnapshotGoalCounts(versions));
        Assert.All(versions, v => Assert.Equal(PlanSnapshot.Sha256Of(v.Content), v.ContentSha256));
    }

    [Fact]
    public async Task A_final_decision_before_the_draft_decision_is_refused()
    {
        await services.Editing.AddGoalAsync(secretary, planId, Goal("Mål", educationArea));

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => services.Decisions.RecordDecisionAsync(secretary, planId, Final(Today)));

        Assert.Contains("utkast", error.Message, StringComparison.Ordinal);
        Assert.Equal(PlanStatus.Draft, await database.StatusAsync(planId));
    }

    [Fact]
    public async Task A_second_draft_decision_is_refused()
    {
        await services.Editing.AddGoalAsync(secretary, planId, Goal("Mål", educationArea));
        await services.Decisions.RecordDecisionAsync(secretary, planId, Draft(Today));

        await Assert.ThrowsAsync<RuleViolationException>(() => services.Decisions.RecordDecisionAsync(secretary, planId, Draft(Today)));
    }

    [Fact]
    public async Task A_decision_dated_in_the_future_is_refused()
    {
        await services.Editing.AddGoalAsync(secretary, planId, Goal("Mål", educationArea));

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => services.Decisions.RecordDecisionAsync(secretary, planId, Draft(Today.AddDays(1))));

        Assert.Equal("Beslutsdatum kan inte ligga i framtiden.", error.Errors[nameof(DecisionInput.DecidedOn)]);
        Assert.Equal(PlanStatus.Draft, await database.StatusAsync(planId));
    }

    [Fact]
    public async Task A_final_decision_dated_before_the_draft_decision_is_refused()
    {
        await services.Editing.AddGoalAsync(secretary, planId, Goal("Mål", educationArea));
        await services.Decisions.RecordDecisionAsync(secretary, planId, Draft(new(2026, 4, 20)));

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => services.Decisions.RecordDecisionAsync(secretary, planId, Final(new(2026, 4, 19))));

        Assert.Contains("före beslutet om utkast", error.Errors[nameof(DecisionInput.DecidedOn)], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decision_dated_before_the_year_before_the_budget_year_is_refused()
    {
        await services.Editing.AddGoalAsync(secretary, planId, Goal("Mål", educationArea));

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => services.Decisions.RecordDecisionAsync(secretary, planId, Draft(new(2025, 12, 31))));

        Assert.Equal("Beslutsdatum kan inte ligga före 1 januari 2026: planen gäller budgetår 2027.", error.Errors[nameof(DecisionInput.DecidedOn)]);
        Assert.Equal(PlanStatus.Draft, await database.StatusAsync(planId));
        Assert.Equal(1, await services.Decisions.RecordDecisionAsync(secretary, planId, Draft(new(2026, 1, 1))));
    }

    [Fact]
    public async Task A_final_decision_after_a_revision_cannot_predate_the_previous_final_decision()
    {
        await services.Editing.AddGoalAsync(secretary, planId, Goal("Mål", educationArea));
        await services.Decisions.RecordDecisionAsync(secretary, planId, Draft(new(2026, 4, 20)));
        await services.Decisions.RecordDecisionAsync(secretary, planId, Final(new(2026, 9, 21)));
        await services.Decisions.ReopenAsync(admin, planId, "Kommunfullmäktige ändrade budgetramen i november.");

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => services.Decisions.RecordDecisionAsync(secretary, planId, Final(new(2026, 5, 1))));

        Assert.Equal("Det nya slutgiltiga beslutet kan inte vara fattat före det förra (21 september 2026).", error.Errors[nameof(DecisionInput.DecidedOn)]);
        Assert.Equal(PlanStatus.Revision, await database.StatusAsync(planId));
        Assert.Equal(3, await services.Decisions.RecordDecisionAsync(secretary, planId, Final(new(2026, 9, 21))));
    }

    [Fact]
    public async Task The_plan_of_an_inactive_organisation_cannot_be_reopened()
    {
        await services.Editing.AddGoalAsync(secretary, planId, Goal("Mål", educationArea));
        await services.Decisions.RecordDecisionAsync(secretary, planId, Draft(Today));
        await services.Decisions.RecordDecisionAsync(secretary, planId, Final(Today));
        await using (var db = database.CreateDbContext())
        {
            (await db.Organisations.SingleAsync(o => o.Slug == "kunskapsnamnden")).IsActive = false;
            await db.SaveChangesAsync();
        }

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => services.Decisions.ReopenAsync(admin, planId, "En tillräckligt lång motivering."));

        Assert.Contains("inte längre aktiv", error.Message, StringComparison.Ordinal);
        Assert.Equal(PlanStatus.Final, await database.StatusAsync(planId));
    }

    [Fact]
    public async Task A_decision_on_a_plan_without_goals_is_refused()
    {
        var error = await Assert.ThrowsAsync<RuleViolationException>(() => services.Decisions.RecordDecisionAsync(secretary, planId, Draft(Today)));

        Assert.Contains("inga mål", error.Message, StringComparison.Ordinal);
        await using var db = database.CreateDbContext();
        Assert.False(await db.PlanVersions.AnyAsync(v => v.PlanId == planId));
    }

    [Fact]
    public async Task A_decision_without_date_body_or_reference_names_each_missing_field()
    {
        await services.Editing.AddGoalAsync(secretary, planId, Goal("Mål", educationArea));

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            services.Decisions.RecordDecisionAsync(secretary, planId, new DecisionInput(DecisionKind.Draft, null, " ", "")));

        Assert.Equal(["DecidedBy", "DecidedOn", "Reference"], error.Errors.Keys.Order());
    }

    [Fact]
    public async Task A_Fastställd_plan_is_read_only()
    {
        var goal = await services.Editing.AddGoalAsync(secretary, planId, Goal("Mål", educationArea));
        await services.Decisions.RecordDecisionAsync(secretary, planId, Draft(Today));
        await services.Decisions.RecordDecisionAsync(secretary, planId, Final(Today));

        await Assert.ThrowsAsync<RuleViolationException>(() => services.Editing.AddGoalAsync(secretary, planId, Goal("Nytt", educationArea)));
        await Assert.ThrowsAsync<RuleViolationException>(() => services.Editing.UpdateGoalAsync(secretary, goal.Id, goal.ConcurrencyToken, Goal("Ändrat", educationArea)));
        await Assert.ThrowsAsync<RuleViolationException>(() => services.Editing.RemoveGoalAsync(secretary, goal.Id, goal.ConcurrencyToken));
        await Assert.ThrowsAsync<RuleViolationException>(() => services.Decisions.RecordDecisionAsync(secretary, planId, Final(Today)));
    }

    [Fact]
    public async Task An_administrator_reopens_a_Fastställd_plan_with_a_reason_and_the_next_decision_makes_a_new_version()
    {
        var goal = await services.Editing.AddGoalAsync(secretary, planId, Goal("Mål", educationArea));
        await services.Decisions.RecordDecisionAsync(secretary, planId, Draft(Today));
        await services.Decisions.RecordDecisionAsync(secretary, planId, Final(Today));

        await services.Decisions.ReopenAsync(admin, planId, "Kommunfullmäktige ändrade budgetramen i november.");
        Assert.Equal(PlanStatus.Revision, await database.StatusAsync(planId));
        await services.Editing.UpdateGoalAsync(secretary, goal.Id, goal.ConcurrencyToken, Goal("Reviderat mål", educationArea));
        Assert.Equal(3, await services.Decisions.RecordDecisionAsync(secretary, planId, Final(Today)));

        Assert.Equal(PlanStatus.Final, await database.StatusAsync(planId));
        await using var db = database.CreateDbContext();
        var versions = await db.PlanVersions.Where(v => v.PlanId == planId).OrderBy(v => v.Number).Select(v => v.Content).ToListAsync();
        Assert.Equal(3, versions.Count);
        Assert.Equal("Mål", PlanSnapshot.FromJson(versions[1]).Goals.Single().Title);
        Assert.Equal("Reviderat mål", PlanSnapshot.FromJson(versions[2]).Goals.Single().Title);
        var reopen = await db.AuditEntries.SingleAsync(a => a.Action == "Plan.Reopen");
        Assert.Contains("budgetramen", reopen.After, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("för kort")]
    public async Task Reopening_needs_a_written_reason(string reason)
    {
        await services.Editing.AddGoalAsync(secretary, planId, Goal("Mål", educationArea));
        await services.Decisions.RecordDecisionAsync(secretary, planId, Draft(Today));
        await services.Decisions.RecordDecisionAsync(secretary, planId, Final(Today));

        await Assert.ThrowsAsync<ValidationFailedException>(() => services.Decisions.ReopenAsync(admin, planId, reason));
        Assert.Equal(PlanStatus.Final, await database.StatusAsync(planId));
    }

    [Fact]
    public async Task Only_a_Fastställd_plan_can_be_reopened()
    {
        const string Reason = "En tillräckligt lång motivering.";
        async Task RefusedIn(PlanStatus status)
        {
            Assert.Equal(status, await database.StatusAsync(planId));
            await Assert.ThrowsAsync<RuleViolationException>(() => services.Decisions.ReopenAsync(admin, planId, Reason));
            Assert.Equal(status, await database.StatusAsync(planId));
        }

        await services.Editing.AddGoalAsync(secretary, planId, Goal("Mål", educationArea));
        await RefusedIn(PlanStatus.Draft);
        await services.Decisions.RecordDecisionAsync(secretary, planId, Draft(new(2026, 4, 20)));
        await RefusedIn(PlanStatus.DraftDecided);
        await services.Decisions.RecordDecisionAsync(secretary, planId, Final(new(2026, 9, 20)));

        await services.Decisions.ReopenAsync(admin, planId, Reason);

        await RefusedIn(PlanStatus.Revision);
    }

    [Fact]
    public async Task A_goal_without_an_area_stops_the_decision()
    {
        // A goal copied into a new mandate period can lose links to areas that no longer exist.
        await services.Editing.AddGoalAsync(secretary, planId, Goal("Mål", educationArea));
        await using (var db = database.CreateDbContext())
        {
            db.GoalAreas.RemoveRange(db.GoalAreas.Where(l => l.Goal.PlanId == planId));
            await db.SaveChangesAsync();
        }

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => services.Decisions.RecordDecisionAsync(secretary, planId, Draft(Today)));

        Assert.Contains("inte kopplat till något strategiskt område", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PlanStatus.Draft, DecisionKind.Draft, true)]
    [InlineData(PlanStatus.Draft, DecisionKind.Final, false)]
    [InlineData(PlanStatus.DraftDecided, DecisionKind.Draft, false)]
    [InlineData(PlanStatus.DraftDecided, DecisionKind.Final, true)]
    [InlineData(PlanStatus.Final, DecisionKind.Draft, false)]
    [InlineData(PlanStatus.Final, DecisionKind.Final, false)]
    [InlineData(PlanStatus.Revision, DecisionKind.Draft, false)]
    [InlineData(PlanStatus.Revision, DecisionKind.Final, true)]
    public void The_lifecycle_table_allows_exactly_these_decisions(PlanStatus status, DecisionKind kind, bool allowed) =>
        Assert.Equal(allowed, DecisionService.Allows(status, kind));

    private static int[] PlanSnapshotGoalCounts(List<PlanVersion> versions) =>
        [.. versions.Select(v => PlanSnapshot.FromJson(v.Content).Goals.Count)];
}
