using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Dashboard;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.FollowUps;
using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Domain.Tests.Infrastructure;
using Sandviken.Strategy.Domain.Users;

namespace Sandviken.Strategy.Domain.Tests.FollowUps;

public sealed class FollowUpRollUpTests
{
    [Fact]
    public async Task The_annual_report_overrides_the_interim_report_and_goals_without_follow_up_are_not_assessed()
    {
        await using var database = await TestDatabase.CreateSeededAsync();
        var services = new Services(database);
        var secretary = await database.CreateAsync("sekreterare@test", Roles.Secretary, "kunskapsnamnden");
        var planId = await database.PlanIdAsync("kunskapsnamnden", 2025);
        await using var db = database.CreateDbContext();
        var snapshot = PlanSnapshot.FromJson(await db.PlanVersions.Where(v => v.PlanId == planId).OrderByDescending(v => v.Number).Select(v => v.Content).FirstAsync());
        var (first, second) = (snapshot.Goals[0], snapshot.Goals[1]);
        // Start from a clean slate for this plan: the demo data has follow-ups of its own.
        db.FollowUps.RemoveRange(db.FollowUps.Where(f => f.Goal.PlanId == planId));
        await db.SaveChangesAsync();

        await services.FollowUps.RecordFollowUpAsync(secretary, first.GoalId, new(FollowUpPoint.InterimReport, Assessment.NotMet, "Efter i tidplanen."));
        await services.FollowUps.RecordFollowUpAsync(secretary, first.GoalId, new(FollowUpPoint.AnnualReport, Assessment.Met, null));
        await services.FollowUps.RecordFollowUpAsync(secretary, second.GoalId, new(FollowUpPoint.InterimReport, Assessment.PartlyMet, "Delvis."));

        var rollUp = (await new DashboardReader(database, database.Clock, database.Snapshots).ReadAsync(2025, OrganisationFilter.All))!.RollUp;
        var snapshotGoalCounts = (await db.PlanVersions.Where(v => v.Plan.BudgetYear == 2025)
                .GroupBy(v => v.Plan.Organisation.Slug)
                .Select(g => new { g.Key, Content = g.OrderByDescending(v => v.Number).First().Content })
                .ToListAsync())
            .ToDictionary(x => x.Key, x => PlanSnapshot.FromJson(x.Content).Goals.Count);

        var organisation = rollUp.Organisations.Single(o => o.Slug == "kunskapsnamnden").Counts;
        Assert.Equal(new AssessmentCounts(1, 1, 0, snapshot.Goals.Count - 2), organisation);
        Assert.Equal(FollowUpPoint.AnnualReport, rollUp.ByGoal[first.GoalId].Point);
        foreach (var area in rollUp.Areas)
        {
            var goals = (await AllDecidedGoalsAsync(database, 2025)).Count(g => g.Areas.Any(a => a.Slug == area.Slug));
            Assert.Equal(goals, area.Counts.Total);
        }

        var growth = first.Areas[0].Slug;
        Assert.True(rollUp.Areas.Single(a => a.Slug == growth).Counts.Met >= 1);
        Assert.All(rollUp.Organisations, o => Assert.Equal(
            snapshotGoalCounts[o.Slug], o.Counts.Total));
    }

    [Theory]
    [InlineData(OrganisationFilter.Committees, OrganisationKind.Committee)]
    [InlineData(OrganisationFilter.Companies, OrganisationKind.Company)]
    public async Task A_filter_limits_both_the_organisation_and_the_area_roll_up_to_that_kind(OrganisationFilter filter, OrganisationKind kind)
    {
        await using var database = await TestDatabase.CreateSeededAsync();

        var rollUp = (await new DashboardReader(database, database.Clock, database.Snapshots).ReadAsync(2025, filter))!.RollUp;

        var goals = await AllDecidedGoalsAsync(database, 2025, kind);
        Assert.NotEmpty(rollUp.Organisations);
        Assert.All(rollUp.Organisations, o => Assert.Equal(kind, o.Kind));
        Assert.Equal(goals.Count, rollUp.Organisations.Sum(o => o.Counts.Total));
        foreach (var area in rollUp.Areas)
        {
            Assert.Equal(goals.Count(g => g.Areas.Any(a => a.Slug == area.Slug)), area.Counts.Total);
        }

        // The filter must change the figures, or this test would prove nothing.
        var all = (await new DashboardReader(database, database.Clock, database.Snapshots).ReadAsync(2025, OrganisationFilter.All))!.RollUp;
        Assert.True(all.Areas.Sum(a => a.Counts.Total) > rollUp.Areas.Sum(a => a.Counts.Total));
    }

    private static async Task<List<GoalSnapshot>> AllDecidedGoalsAsync(TestDatabase database, int year, OrganisationKind? kind = null)
    {
        await using var db = database.CreateDbContext();
        var contents = await db.PlanVersions.Where(v => v.Plan.BudgetYear == year)
            .Where(v => kind == null || v.Plan.Organisation.Kind == kind)
            .GroupBy(v => v.PlanId).Select(g => g.OrderByDescending(v => v.Number).First().Content).ToListAsync();
        return [.. contents.SelectMany(c => PlanSnapshot.FromJson(c).Goals)];
    }
}
