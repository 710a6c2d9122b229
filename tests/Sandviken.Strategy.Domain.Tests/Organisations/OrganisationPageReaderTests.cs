using Microsoft.Extensions.Time.Testing;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Domain.Planning;
using Sandviken.Strategy.Domain.Plans;
using Sandviken.Strategy.Domain.Tests.Infrastructure;

namespace Sandviken.Strategy.Domain.Tests.Organisations;

public sealed class OrganisationPageReaderTests
{
    [Fact]
    public async Task List_has_every_organisation_committees_first_in_Swedish_order()
    {
        await using var database = await TestDatabase.CreateSeededAsync();

        var list = await new OrganisationListReader(database).ReadAsync();

        Assert.Equal(DemoFacts.Organisations().Count, list.Count);
        var committees = list.TakeWhile(o => o.Kind == OrganisationKind.Committee).Select(o => o.Name).ToList();
        Assert.Equal(DemoFacts.Organisations(OrganisationKind.Committee).Count, committees.Count);
        Assert.Equal("Överförmyndarnämnden i Västra Gästrikland", committees[^1]);
        Assert.Equal("Sandvikens Stadshus AB", list.Single(o => o.Slug == "sandvikenhus-ab").ParentName);
    }

    [Fact]
    public async Task Plan_page_has_goals_grouped_by_area_with_indicators_decisions_and_versions()
    {
        await using var database = await TestDatabase.CreateSeededAsync();

        var plan = await new PlanPageReader(database, database.Clock, database.Snapshots).ReadAsync("kunskapsnamnden", 2025);

        Assert.NotNull(plan);
        Assert.Equal(PlanStatus.Final, plan.Summary.Status);
        Assert.Equal([DecisionKind.Draft, DecisionKind.Final], plan.Decisions.Select(d => d.Kind));
        Assert.All(plan.Decisions, d => Assert.False(string.IsNullOrWhiteSpace(d.Reference)));
        Assert.Equal([1, 2], plan.Versions.Select(v => v.Number));
        Assert.Equal(2, plan.ShownVersion?.Number);
        Assert.NotEmpty(plan.GoalsByArea);
        Assert.All(plan.GoalsByArea, a => Assert.All(a.Goals, g => Assert.Contains(g.Areas, x => x.Slug == a.AreaSlug)));
        Assert.Contains(plan.GoalsByArea.SelectMany(a => a.Goals), g => g.Indicators.Count > 0);
    }

    [Fact]
    public async Task A_plan_without_decisions_shows_no_goals_and_is_overdue_after_its_deadlines()
    {
        await using var database = await TestDatabase.CreateSeededAsync();

        var plan = await new PlanPageReader(database, database.Clock, database.Snapshots).ReadAsync("overformyndarnamnden-i-vastra-gastrikland", 2026);

        Assert.NotNull(plan);
        Assert.Null(plan.ShownVersion);
        Assert.Empty(plan.GoalsByArea);
        Assert.Equal((DecisionState.Overdue, DecisionState.Overdue), (plan.Summary.DraftState, plan.Summary.FinalState));
    }

    [Theory]
    [InlineData(2025, 3, 1, DecisionState.NotDecided, DecisionState.NotDecided)]
    [InlineData(2025, 6, 1, DecisionState.Overdue, DecisionState.NotDecided)]
    [InlineData(2025, 10, 1, DecisionState.Overdue, DecisionState.Overdue)]
    public async Task Decision_states_follow_the_clock(int year, int month, int day, DecisionState draft, DecisionState final)
    {
        await using var database = await TestDatabase.CreateSeededAsync();
        database.Clock = new FakeTimeProvider(new DateTimeOffset(year, month, day, 10, 0, 0, TimeSpan.Zero));

        var page = await new OrganisationPageReader(database, database.Clock).ReadAsync("overformyndarnamnden-i-vastra-gastrikland");

        var plan2026 = page!.Plans.Single(p => p.BudgetYear == 2026);
        Assert.Equal((draft, final), (plan2026.DraftState, plan2026.FinalState));
        Assert.All(page.Plans.Where(p => p.BudgetYear < 2026), p => Assert.Equal((DecisionState.Decided, DecisionState.Decided), (p.DraftState, p.FinalState)));
    }

    [Fact]
    public async Task Unknown_organisations_and_years_give_nothing()
    {
        await using var database = await TestDatabase.CreateSeededAsync();
        var plans = new PlanPageReader(database, database.Clock, database.Snapshots);

        Assert.Null(await new OrganisationPageReader(database, database.Clock).ReadAsync("finns-inte"));
        Assert.Null(await plans.ReadAsync("finns-inte", 2025));
        Assert.Null(await plans.ReadAsync("kunskapsnamnden", 1999));
    }
}
