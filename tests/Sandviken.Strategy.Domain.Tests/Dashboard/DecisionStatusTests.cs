using Microsoft.Extensions.Time.Testing;
using Sandviken.Strategy.Domain.Dashboard;
using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Domain.Planning;
using Sandviken.Strategy.Domain.Tests.Infrastructure;

namespace Sandviken.Strategy.Domain.Tests.Dashboard;

public sealed class DecisionStatusTests
{
    // Överförmyndarnämnden has decided nothing for 2026 (draft due 30 April 2025, final 30 September 2025).
    [Theory]
    [InlineData("2025-04-29", DecisionState.NotDecided, DecisionState.NotDecided)]
    [InlineData("2025-04-30", DecisionState.NotDecided, DecisionState.NotDecided)]
    [InlineData("2025-05-01", DecisionState.Overdue, DecisionState.NotDecided)]
    [InlineData("2025-09-30", DecisionState.Overdue, DecisionState.NotDecided)]
    [InlineData("2025-10-01", DecisionState.Overdue, DecisionState.Overdue)]
    public async Task An_undecided_plan_is_overdue_from_the_day_after_each_deadline(string today, DecisionState draft, DecisionState final)
    {
        await using var database = await TestDatabase.CreateSeededAsync();
        var clock = StockholmNoon(DateOnly.Parse(today, Swedish.Culture));

        var model = await new DashboardReader(database, clock, database.Snapshots).ReadStatusAsync(2026, OrganisationFilter.All);

        var row = model!.Rows.Single(r => r.Slug == "overformyndarnamnden-i-vastra-gastrikland");
        Assert.Equal((draft, final), (row.Draft.State, row.Final.State));
    }

    [Fact]
    public async Task A_decided_cell_carries_date_body_reference_and_version()
    {
        await using var database = await TestDatabase.CreateSeededAsync();

        var model = await new DashboardReader(database, database.Clock, database.Snapshots).ReadStatusAsync(2025, OrganisationFilter.All);

        var row = model!.Rows.Single(r => r.Slug == "kunskapsnamnden");
        Assert.Equal(new DecisionStatusCell(DecisionState.Decided, new DateOnly(2024, 4, 23), "Kunskapsnämnden", "§ 31, dnr KUN 2024/52", 1), row.Draft);
        Assert.Equal(2, row.Final.VersionNumber);
        var expected = DemoFacts.Cycle(2025, database.Clock);
        Assert.Equal(
            (expected.DraftsDecided, expected.FinalsDecided, expected.DraftsOverdue, expected.FinalsOverdue),
            (model.DraftsDecided, model.FinalsDecided, model.DraftsOverdue, model.FinalsOverdue));
    }

    [Fact]
    public async Task Counts_for_2026_match_the_demo_data()
    {
        await using var database = await TestDatabase.CreateSeededAsync();

        var model = await new DashboardReader(database, database.Clock, database.Snapshots).ReadStatusAsync(null, OrganisationFilter.All);

        Assert.Equal(2026, model!.BudgetYear);
        Assert.Equal(SeedFiles.Municipality().PlanningCycles.Select(c => c.BudgetYear).Order(), model.BudgetYears);
        var expected = DemoFacts.Cycle(2026, database.Clock);
        Assert.Equal(
            (expected.Organisations, expected.DraftsDecided, expected.FinalsDecided, expected.DraftsOverdue, expected.FinalsOverdue),
            (model.Rows.Count, model.DraftsDecided, model.FinalsDecided, model.DraftsOverdue, model.FinalsOverdue));
    }

    [Theory]
    [InlineData(OrganisationFilter.Committees, OrganisationKind.Committee)]
    [InlineData(OrganisationFilter.Companies, OrganisationKind.Company)]
    public async Task The_filter_keeps_committees_or_companies(OrganisationFilter filter, OrganisationKind kind)
    {
        var count = DemoFacts.Organisations(kind).Count;
        await using var database = await TestDatabase.CreateSeededAsync();

        var model = await new DashboardReader(database, database.Clock, database.Snapshots).ReadStatusAsync(2026, filter);

        Assert.Equal(count, model!.Rows.Count);
        Assert.All(model.Rows, r => Assert.Equal(kind, r.Kind));
    }

    [Fact]
    public async Task A_year_without_a_cycle_has_no_status()
    {
        await using var database = await TestDatabase.CreateSeededAsync();

        Assert.Null(await new DashboardReader(database, database.Clock, database.Snapshots).ReadStatusAsync(2031, OrganisationFilter.All));
    }

    private static FakeTimeProvider StockholmNoon(DateOnly day) =>
        new(new DateTimeOffset(day.Year, day.Month, day.Day, 10, 0, 0, TimeSpan.Zero));
}
