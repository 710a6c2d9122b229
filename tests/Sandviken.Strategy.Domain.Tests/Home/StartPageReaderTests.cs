using Microsoft.Extensions.Time.Testing;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Home;
using Sandviken.Strategy.Domain.Tests.Infrastructure;

namespace Sandviken.Strategy.Domain.Tests.Home;

public sealed class StartPageReaderTests
{
    [Fact]
    public async Task Start_page_has_the_vision_and_the_four_areas_with_their_ambitions()
    {
        await using var database = await TestDatabase.CreateSeededAsync();

        var page = await new StartPageReader(database, database.Clock, database.Snapshots).ReadAsync();

        Assert.NotNull(page);
        Assert.StartsWith("I Sandviken är världen alltid närvarande", page.Vision, StringComparison.Ordinal);
        Assert.True(page.VisionIsIncomplete);
        Assert.Equal("2023–2026", page.Period?.Name);
        Assert.Equal(4, page.Areas.Count);
        Assert.Equal(["50 000 invånare"], page.Areas[0].Ambitions);
        Assert.Equal(["klimatneutrala 2030"], page.Areas[1].Ambitions);
    }

    [Fact]
    public async Task While_a_new_periods_areas_are_not_yet_entered_the_start_page_keeps_showing_the_latest_areas()
    {
        await using var database = await TestDatabase.CreateSeededAsync();
        await using (var db = database.CreateDbContext())
        {
            var municipality = await db.Municipalities.SingleAsync();
            db.MandatePeriods.Add(new Sandviken.Strategy.Domain.Areas.MandatePeriod
            {
                MunicipalityId = municipality.Id, Name = "2027–2030", StartYear = 2027, EndYear = 2030,
                AreasDecidedOn = new(2026, 11, 20), AreasDecidedBy = "Kommunfullmäktige",
            });
            db.PlanningCycles.Add(new Sandviken.Strategy.Domain.Planning.PlanningCycle
            {
                MunicipalityId = municipality.Id, BudgetYear = 2027, DraftDeadline = new(2026, 4, 30), FinalDeadline = new(2026, 9, 30),
            });
            await db.SaveChangesAsync();
        }

        database.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 10, 9, 0, 0, TimeSpan.Zero));
        var page = await new StartPageReader(database, database.Clock, database.Snapshots).ReadAsync();

        Assert.Equal("2023–2026", page!.Period?.Name);
        Assert.Equal(4, page.Areas.Count);
    }

    [Fact]
    public async Task Linked_goal_counts_come_from_the_latest_decided_version_of_each_plan_of_the_current_year()
    {
        await using var database = await TestDatabase.CreateSeededAsync();
        await using var db = database.CreateDbContext();
        var expected = (await db.PlanVersions
                .Where(v => v.Plan.BudgetYear == 2026)
                .GroupBy(v => v.PlanId)
                .Select(g => g.OrderByDescending(v => v.Number).First().Content)
                .ToListAsync())
            .SelectMany(c => PlanSnapshot.FromJson(c).Goals)
            .SelectMany(g => g.Areas)
            .GroupBy(a => a.Slug)
            .ToDictionary(g => g.Key, g => g.Count());

        var page = await new StartPageReader(database, database.Clock, database.Snapshots).ReadAsync();

        Assert.Equal(2026, page!.Cycle!.BudgetYear);
        Assert.All(page.Areas, a => Assert.Equal(expected.GetValueOrDefault(a.Slug), a.LinkedGoals));
        Assert.All(page.Areas, a => Assert.True(a.LinkedGoals > 0, a.Slug));
    }

    [Fact]
    public async Task Cycle_summary_counts_decisions_and_overdue_organisations()
    {
        await using var database = await TestDatabase.CreateSeededAsync();

        var cycle = (await new StartPageReader(database, database.Clock, database.Snapshots).ReadAsync())!.Cycle!;

        // Demo 2026 (November 2026): some organisations have only the draft, one has neither; both deadlines have passed.
        var expected = DemoFacts.Cycle(2026, database.Clock);
        Assert.Equal(
            (expected.Organisations, expected.DraftsDecided, expected.FinalsDecided, expected.DraftsOverdue, expected.FinalsOverdue),
            (cycle.Organisations, cycle.DraftsDecided, cycle.FinalsDecided, cycle.DraftsOverdue, cycle.FinalsOverdue));
        Assert.True(expected.OrganisationsOverdue > 0 && expected.DraftsDecided < expected.Organisations, "The demo data should show an overdue plan.");
    }

    [Fact]
    public async Task Before_the_deadlines_nothing_is_overdue()
    {
        await using var database = await TestDatabase.CreateSeededAsync();
        database.Clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

        var cycle = (await new StartPageReader(database, database.Clock, database.Snapshots).ReadAsync())!.Cycle!;

        Assert.Equal(2026, cycle.BudgetYear); // drafts for 2026 are due in April 2025
        Assert.Equal((0, 0), (cycle.DraftsOverdue, cycle.FinalsOverdue));
    }

    [Fact]
    public async Task An_empty_database_gives_no_start_page()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();

        Assert.Null(await new StartPageReader(database, database.Clock, database.Snapshots).ReadAsync());
    }
}
