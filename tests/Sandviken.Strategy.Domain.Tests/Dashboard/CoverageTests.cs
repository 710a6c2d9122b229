using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Dashboard;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Tests.Infrastructure;

namespace Sandviken.Strategy.Domain.Tests.Dashboard;

public sealed class CoverageTests
{
    [Fact]
    public async Task Each_cell_counts_the_goals_of_the_latest_decided_version_linked_to_the_area()
    {
        await using var database = await TestDatabase.CreateSeededAsync();
        await using var db = database.CreateDbContext();
        var latest = await db.PlanVersions
            .Where(v => v.Plan.BudgetYear == 2026)
            .GroupBy(v => v.Plan.Organisation.Slug)
            .Select(g => new { Slug = g.Key, Content = g.OrderByDescending(v => v.Number).First().Content })
            .ToListAsync();

        var coverage = (await new DashboardReader(database, database.Clock, database.Snapshots).ReadAsync(2026, OrganisationFilter.All))!.Coverage;

        Assert.Equal(4, coverage.Areas.Count);
        foreach (var plan in latest)
        {
            var snapshot = PlanSnapshot.FromJson(plan.Content);
            var row = coverage.Rows.Single(r => r.Slug == plan.Slug);
            Assert.True(row.HasDecidedPlan);
            Assert.Equal(snapshot.Goals.Count, row.Total);
            foreach (var area in coverage.Areas)
            {
                Assert.Equal(snapshot.Goals.Count(g => g.Areas.Any(a => a.Slug == area.Slug)), row.CountFor(area.Slug));
            }
        }
    }

    [Fact]
    public async Task An_organisation_without_a_decided_plan_is_all_gaps_and_totals_add_up()
    {
        await using var database = await TestDatabase.CreateSeededAsync();

        var coverage = (await new DashboardReader(database, database.Clock, database.Snapshots).ReadAsync(2026, OrganisationFilter.All))!.Coverage;

        var undecided = coverage.Rows.Single(r => r.Slug == "overformyndarnamnden-i-vastra-gastrikland");
        Assert.False(undecided.HasDecidedPlan);
        Assert.All(coverage.Areas, a => Assert.Equal(0, undecided.CountFor(a.Slug)));
        Assert.Equal(coverage.Rows.Sum(r => r.CountFor("vaxa-for-framtiden")), coverage.TotalFor("vaxa-for-framtiden"));
        Assert.Equal(coverage.Rows.Sum(r => coverage.Areas.Count(a => r.CountFor(a.Slug) == 0)), coverage.Gaps);
        Assert.True(coverage.Gaps >= 4);
    }

    [Fact]
    public async Task Coverage_can_be_limited_to_companies()
    {
        await using var database = await TestDatabase.CreateSeededAsync();

        var coverage = (await new DashboardReader(database, database.Clock, database.Snapshots).ReadAsync(2025, OrganisationFilter.Companies))!.Coverage;

        Assert.Equal(["Sandviken Energi AB", "Sandvikenhus AB", "Sandvikens Stadshus AB"], coverage.Rows.Select(r => r.Name));
    }
}
