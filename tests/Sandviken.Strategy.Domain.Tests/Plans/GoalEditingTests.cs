using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Plans;
using Sandviken.Strategy.Domain.Tests.Infrastructure;
using Sandviken.Strategy.Domain.Users;
using Sandviken.Strategy.Domain.Validation;
using static Sandviken.Strategy.Domain.Tests.Infrastructure.Plans;

namespace Sandviken.Strategy.Domain.Tests.Plans;

/// <summary>Goals: validation in Swedish, all-or-nothing saves, audit entries, reordering, copying and conflicts.</summary>
public sealed class GoalEditingTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private Services services = null!;
    private ClaimsPrincipal secretary = null!;
    private int planId;
    private int growth;
    private int climate;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateSeededAsync();
        services = new Services(database);
        secretary = await database.CreateAsync("sekreterare@test", Roles.Secretary, "overformyndarnamnden-i-vastra-gastrikland");
        planId = await database.PlanIdAsync("overformyndarnamnden-i-vastra-gastrikland", 2026); // Utkast, no decisions
        growth = await database.AreaIdAsync("vaxa-for-framtiden");
        climate = await database.AreaIdAsync("minskad-klimatpaverkan");
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task A_goal_linked_to_two_areas_with_an_indicator_is_saved_whole()
    {
        var input = new GoalInput("  Fossilfria resor i tjänsten ", "Bilpoolen blir elektrisk.", [growth, climate],
            [new IndicatorInput("Andel elbilar", "procent", IndicatorDirection.Increase, 20m, 2025, 100m, 2030, "n00401")]);

        var saved = await services.Editing.AddGoalAsync(secretary, planId, input);

        var stored = (await services.Workspace.ReadPlanAsync(secretary, planId)).Goals.Single(g => g.Id == saved.Id);
        Assert.Equal("Fossilfria resor i tjänsten", stored.Input.Title);
        Assert.Equal([growth, climate], stored.Input.AreaIds.Order());
        var indicator = Assert.Single(stored.Input.Indicators);
        Assert.Equal(("Andel elbilar", 20m, 2025, 100m, 2030, "N00401"), (indicator.Name, indicator.BaselineValue, indicator.BaselineYear, indicator.TargetValue, indicator.TargetYear, indicator.KoladaKpiId));
    }

    [Fact]
    public async Task A_goal_without_title_or_area_is_refused_with_Swedish_messages_and_nothing_is_saved()
    {
        var goalsBefore = await GoalCountAsync();

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            services.Editing.AddGoalAsync(secretary, planId, new GoalInput(" ", null, [], [])));

        Assert.Equal("Ange en rubrik för målet.", error.Errors[nameof(GoalInput.Title)]);
        Assert.Equal("Koppla målet till minst ett strategiskt område.", error.Errors[nameof(GoalInput.AreaIds)]);
        Assert.Equal(goalsBefore, await GoalCountAsync());
        await using var db = database.CreateDbContext();
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "Goal.Add"));
    }

    [Theory]
    [InlineData("", "procent", null, null, "Indicators[0].Name", "Ange indikatorns namn.")]
    [InlineData("Andel", "", null, null, "Indicators[0].Unit", "Ange en enhet, till exempel procent eller antal.")]
    [InlineData("Andel", "procent", 1800, null, "Indicators[0].BaselineYear", "Ange ett årtal mellan 1900 och 2100.")]
    [InlineData("Andel", "procent", 2026, 2024, "Indicators[0].TargetYear", "Målåret kan inte ligga före året för utgångsvärdet.")]
    public async Task Indicator_errors_name_the_field(string name, string unit, int? baselineYear, int? targetYear, string field, string message)
    {
        var input = Goal("Mål", growth) with
        {
            Indicators = [new IndicatorInput(name, unit, IndicatorDirection.Increase, null, baselineYear, null, targetYear, null)],
        };

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => services.Editing.AddGoalAsync(secretary, planId, input));

        Assert.Equal(message, error.Errors[field]);
    }

    [Theory]
    [InlineData("X123")]
    [InlineData("N0195")]
    [InlineData("N019511")]
    public async Task A_malformed_Kolada_id_is_refused(string kpi)
    {
        var input = Goal("Mål", growth) with
        {
            Indicators = [new IndicatorInput("Invånare", "antal", IndicatorDirection.Increase, null, null, null, null, kpi)],
        };

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => services.Editing.AddGoalAsync(secretary, planId, input));

        Assert.Contains("Kolada", error.Errors["Indicators[0].KoladaKpiId"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_area_of_another_mandate_period_is_refused()
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            services.Editing.AddGoalAsync(secretary, planId, Goal("Mål", growth, 999_999)));

        Assert.Equal("Välj bland den här mandatperiodens strategiska områden.", error.Errors[nameof(GoalInput.AreaIds)]);
    }

    [Fact]
    public async Task Every_kind_of_change_is_audited_with_who_when_before_and_after()
    {
        var added = await services.Editing.AddGoalAsync(secretary, planId, Goal("Första", growth));
        var updated = await services.Editing.UpdateGoalAsync(secretary, added.Id, added.ConcurrencyToken, Goal("Första, ändrad", growth, climate));
        await services.Editing.MoveGoalAsync(secretary, added.Id, -1);
        await services.Decisions.RecordDecisionAsync(secretary, planId, new DecisionInput(DecisionKind.Draft, new(2026, 11, 20), "Överförmyndarnämnden", "§ 3"));
        var latest = (await services.Workspace.ReadPlanAsync(secretary, planId)).Goals.Single(g => g.Id == added.Id);
        await services.Editing.RemoveGoalAsync(secretary, added.Id, latest.ConcurrencyToken);

        var history = await services.Workspace.ReadHistoryAsync(secretary, planId);

        Assert.Equal(["Goal.Remove", "Decision.Record", "Goal.Reorder", "Goal.Update", "Goal.Add"], history.Take(5).Select(h => h.Action));
        Assert.All(history.Take(5), h =>
        {
            Assert.Equal("sekreterare@test", h.User);
            Assert.Equal(DateTimeKind.Utc, h.AtUtc.Kind);
            Assert.Equal(database.Clock.GetUtcNow().UtcDateTime, h.AtUtc);
        });
        var update = history.Single(h => h.Action == "Goal.Update");
        Assert.Contains("\"Title\":\"Första\"", update.Before, StringComparison.Ordinal);
        Assert.Contains("\"Title\":\"Första, ändrad\"", update.After, StringComparison.Ordinal);
        Assert.Null(history.Single(h => h.Action == "Goal.Add").Before);
        Assert.Null(history.Single(h => h.Action == "Goal.Remove").After);
        Assert.NotEqual(added.ConcurrencyToken, updated.ConcurrencyToken);
    }

    [Fact]
    public async Task Goals_move_up_and_down_in_the_plan()
    {
        var first = await services.Editing.AddGoalAsync(secretary, planId, Goal("A", growth));
        var second = await services.Editing.AddGoalAsync(secretary, planId, Goal("B", growth));
        var existing = (await services.Workspace.ReadPlanAsync(secretary, planId)).Goals.Select(g => g.Input.Title).ToList();

        await services.Editing.MoveGoalAsync(secretary, second.Id, -1);

        var titles = (await services.Workspace.ReadPlanAsync(secretary, planId)).Goals.Select(g => g.Input.Title).ToList();
        Assert.Equal([.. existing[..^2], "B", "A"], titles);
        await services.Editing.MoveGoalAsync(secretary, first.Id, 1); // already last: nothing moves
        Assert.Equal(titles, (await services.Workspace.ReadPlanAsync(secretary, planId)).Goals.Select(g => g.Input.Title));
    }

    [Fact]
    public async Task When_two_people_save_the_same_goal_the_second_sees_the_first_ones_change_and_nothing_is_overwritten()
    {
        var colleague = await database.CreateAsync("kollega@test", Roles.Secretary, "overformyndarnamnden-i-vastra-gastrikland");
        var opened = await services.Editing.AddGoalAsync(secretary, planId, Goal("Ursprunglig rubrik", growth));

        // Both opened the goal with the same token; the colleague saves first.
        await services.Editing.UpdateGoalAsync(colleague, opened.Id, opened.ConcurrencyToken, Goal("Kollegans rubrik", growth));
        var conflict = await Assert.ThrowsAsync<GoalConflictException>(() =>
            services.Editing.UpdateGoalAsync(secretary, opened.Id, opened.ConcurrencyToken, Goal("Min rubrik", climate)));

        Assert.Equal("Kollegans rubrik", conflict.Current?.Input.Title);
        Assert.Equal("kollega@test", conflict.ChangedBy);
        Assert.Contains("Någon annan har ändrat målet", conflict.Message, StringComparison.Ordinal);
        var stored = (await services.Workspace.ReadPlanAsync(secretary, planId)).Goals.Single(g => g.Id == opened.Id);
        Assert.Equal("Kollegans rubrik", stored.Input.Title);
        Assert.Equal([growth], stored.Input.AreaIds);
    }

    [Fact]
    public async Task Saving_a_goal_someone_else_removed_is_a_conflict_not_a_resurrection()
    {
        var opened = await services.Editing.AddGoalAsync(secretary, planId, Goal("Mål", growth));
        await services.Editing.RemoveGoalAsync(secretary, opened.Id, opened.ConcurrencyToken);

        var conflict = await Assert.ThrowsAsync<GoalConflictException>(() =>
            services.Editing.UpdateGoalAsync(secretary, opened.Id, opened.ConcurrencyToken, Goal("Mål", growth)));

        Assert.Null(conflict.Current);
        Assert.Contains("tagits bort", conflict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_plan_can_start_from_a_copy_of_the_previous_years_goals()
    {
        var kunskap = await database.CreateAsync("kunskap@test", Roles.Secretary, "kunskapsnamnden");
        await using (var db = database.CreateDbContext())
        {
            db.PlanningCycles.Add(new Sandviken.Strategy.Domain.Planning.PlanningCycle { MunicipalityId = (await db.Municipalities.SingleAsync()).Id, BudgetYear = 2027, DraftDeadline = new(2026, 4, 30), FinalDeadline = new(2026, 9, 30) });
            (await db.MandatePeriods.SingleAsync()).EndYear = 2027;
            await db.SaveChangesAsync();
        }

        var copied = await services.Editing.CreatePlanAsync(kunskap, await database.OrganisationIdAsync("kunskapsnamnden"), 2027, copyPreviousYear: true);
        var empty = await services.Editing.CreatePlanAsync(secretary, await database.OrganisationIdAsync("overformyndarnamnden-i-vastra-gastrikland"), 2027, copyPreviousYear: false);

        var previous = (await services.Workspace.ReadPlanAsync(kunskap, await database.PlanIdAsync("kunskapsnamnden", 2026))).Goals;
        var copy = (await services.Workspace.ReadPlanAsync(kunskap, copied)).Goals;
        Assert.Equal(previous.Select(g => g.Input), copy.Select(g => g.Input), new GoalInputComparer());
        Assert.DoesNotContain(copy, g => previous.Any(p => p.Id == g.Id));
        Assert.Empty((await services.Workspace.ReadPlanAsync(secretary, empty)).Goals);
        Assert.Equal(Sandviken.Strategy.Domain.Plans.PlanStatus.Draft, await database.StatusAsync(copied));
    }

    [Fact]
    public async Task A_second_plan_for_the_same_year_or_a_year_without_a_cycle_is_refused()
    {
        var organisation = await database.OrganisationIdAsync("overformyndarnamnden-i-vastra-gastrikland");

        var duplicate = await Assert.ThrowsAsync<ValidationFailedException>(() => services.Editing.CreatePlanAsync(secretary, organisation, 2026, false));
        var noCycle = await Assert.ThrowsAsync<ValidationFailedException>(() => services.Editing.CreatePlanAsync(secretary, organisation, 2031, false));

        Assert.Contains("har redan en plan för budgetår 2026", duplicate.Errors["BudgetYear"], StringComparison.Ordinal);
        Assert.Equal("Det finns ingen planeringsomgång för budgetår 2031.", noCycle.Errors["BudgetYear"]);
    }

    [Fact]
    public async Task No_plan_is_made_for_a_year_whose_mandate_period_has_no_areas_yet_and_the_workspace_says_why()
    {
        var organisation = await database.OrganisationIdAsync("overformyndarnamnden-i-vastra-gastrikland");
        var admin = await database.CreateAsync("admin@test", Roles.Administrator);
        await services.Planning.AddPeriodAsync(admin, new("2027–2030", 2027, 2030, new(2026, 11, 20), "Kommunfullmäktige"));
        await services.Planning.SaveCycleAsync(admin, new(2027, new(2026, 4, 30), new(2026, 9, 30)));
        await using var db = database.CreateDbContext();
        var plansBefore = await db.Plans.CountAsync();

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => services.Editing.CreatePlanAsync(secretary, organisation, 2027, copyPreviousYear: true));

        Assert.StartsWith("Det finns inga strategiska områden för budgetår 2027 ännu", error.Errors["BudgetYear"], StringComparison.Ordinal);
        Assert.Equal(plansBefore, await db.Plans.CountAsync());
        var overview = await services.Workspace.ReadOverviewAsync(secretary);
        Assert.Equal([2027], overview.YearsWithoutAreas);
        Assert.DoesNotContain(2027, overview.Organisations.Single(o => o.Id == organisation).YearsWithoutPlan);

        // Once the new council's areas are in, the year opens.
        var period = await db.MandatePeriods.Where(p => p.StartYear == 2027).Select(p => p.Id).SingleAsync();
        await services.Planning.AddAreaAsync(admin, period, new("Ett nytt område", "Inledning", null));
        Assert.Contains(2027, (await services.Workspace.ReadOverviewAsync(secretary)).Organisations.Single(o => o.Id == organisation).YearsWithoutPlan);
        await services.Editing.CreatePlanAsync(secretary, organisation, 2027, copyPreviousYear: false);
    }

    [Fact]
    public async Task A_goal_with_follow_ups_or_values_cannot_be_removed_and_an_indicator_with_values_cannot_be_dropped()
    {
        var goal = await services.Editing.AddGoalAsync(secretary, planId, Goal("Följs upp", growth) with
        {
            Indicators = [new IndicatorInput("Antal", "st", IndicatorDirection.Increase, null, null, null, null, null)],
        });
        var stored = (await services.Workspace.ReadPlanAsync(secretary, planId)).Goals.Single(g => g.Id == goal.Id);
        await services.FollowUps.RecordMeasurementAsync(secretary, stored.Input.Indicators[0].Id!.Value, new("2025", 3m));

        var drop = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            services.Editing.UpdateGoalAsync(secretary, goal.Id, stored.ConcurrencyToken, stored.Input with { Indicators = [] }));
        var remove = await Assert.ThrowsAsync<RuleViolationException>(() => services.Editing.RemoveGoalAsync(secretary, goal.Id, stored.ConcurrencyToken));

        Assert.Equal("En indikator som har uppmätta värden kan inte tas bort.", drop.Errors["Indicators"]);
        Assert.Contains("kan därför inte tas bort", remove.Message, StringComparison.Ordinal);
        Assert.Single((await services.Workspace.ReadPlanAsync(secretary, planId)).Goals.Single(g => g.Id == goal.Id).Input.Indicators);
    }

    [Fact]
    public async Task A_decision_is_refused_when_the_plan_changed_after_the_user_looked_at_it()
    {
        await services.Editing.AddGoalAsync(secretary, planId, Goal("Första", growth));
        var seen = (await services.Workspace.ReadPlanAsync(secretary, planId)).PlanToken;
        await services.Editing.AddGoalAsync(secretary, planId, Goal("Tillagt av en kollega", growth));

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => services.Decisions.RecordDecisionAsync(secretary, planId,
            new DecisionInput(DecisionKind.Draft, new(2026, 11, 20), "Överförmyndarnämnden", "§ 1"), seen));

        Assert.Contains("Planen har ändrats sedan du öppnade den", error.Message, StringComparison.Ordinal);
        Assert.Equal(Sandviken.Strategy.Domain.Plans.PlanStatus.Draft, await database.StatusAsync(planId));
        var fresh = (await services.Workspace.ReadPlanAsync(secretary, planId)).PlanToken;
        Assert.Equal(1, await services.Decisions.RecordDecisionAsync(secretary, planId,
            new DecisionInput(DecisionKind.Draft, new(2026, 11, 20), "Överförmyndarnämnden", "§ 1"), fresh));
    }

    private async Task<int> GoalCountAsync()
    {
        await using var db = database.CreateDbContext();
        return await db.Goals.CountAsync();
    }

    private sealed class GoalInputComparer : IEqualityComparer<GoalInput>
    {
        public bool Equals(GoalInput? x, GoalInput? y) =>
            x is not null && y is not null && x.Title == y.Title && x.Description == y.Description
            && x.AreaIds.SequenceEqual(y.AreaIds)
            && x.Indicators.Select(i => i with { Id = null }).SequenceEqual(y.Indicators.Select(i => i with { Id = null }));

        public int GetHashCode(GoalInput obj) => obj.Title.GetHashCode(StringComparison.Ordinal);
    }
}
