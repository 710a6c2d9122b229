using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Access;
using Sandviken.Strategy.Domain.FollowUps;
using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Domain.Plans;
using Sandviken.Strategy.Domain.Tests.Infrastructure;
using Sandviken.Strategy.Domain.Users;
using Sandviken.Strategy.Domain.Validation;

namespace Sandviken.Strategy.Domain.Tests.FollowUps;

public sealed class FollowUpServiceTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private Services services = null!;
    private ClaimsPrincipal secretary = null!;
    private int finalPlanId;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateSeededAsync();
        services = new Services(database);
        secretary = await database.CreateAsync("sekreterare@test", Roles.Secretary, "kunskapsnamnden");
        finalPlanId = await database.PlanIdAsync("kunskapsnamnden", 2025);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task A_goal_of_a_fastställd_plan_can_be_followed_up_and_the_assessment_replaced()
    {
        var goal = await FirstGoalAsync(finalPlanId);

        await services.FollowUps.RecordFollowUpAsync(secretary, goal, new(FollowUpPoint.InterimReport, Assessment.PartlyMet, "Halvvägs."));
        await services.FollowUps.RecordFollowUpAsync(secretary, goal, new(FollowUpPoint.InterimReport, Assessment.Met, null), await database.FollowUpTokenAsync(goal, FollowUpPoint.InterimReport));

        await using var db = database.CreateDbContext();
        var stored = await db.FollowUps.SingleAsync(f => f.GoalId == goal && f.Point == FollowUpPoint.InterimReport);
        Assert.Equal((Assessment.Met, (string?)null, "sekreterare@test"), (stored.Assessment, stored.Comment, stored.RecordedBy));
        var history = await services.Workspace.ReadHistoryAsync(secretary, finalPlanId);
        Assert.Equal(2, history.Count(h => h.Action == "FollowUp.Record"));
        Assert.Contains("PartlyMet", history.First(h => h.Action == "FollowUp.Record").Before, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_goal_that_is_not_met_needs_a_comment()
    {
        var goal = await FirstGoalAsync(finalPlanId);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            services.FollowUps.RecordFollowUpAsync(secretary, goal, new(FollowUpPoint.AnnualReport, Assessment.NotMet, " ")));

        Assert.Equal("Förklara i en kommentar varför målet inte är uppfyllt.", error.Errors["Comment"]);
    }

    [Fact]
    public async Task Another_organisations_goals_and_indicators_are_refused()
    {
        var otherPlan = await database.PlanIdAsync("sandvikenhus-ab", 2025);
        var goal = await FirstGoalAsync(otherPlan);
        await using var db = database.CreateDbContext();
        var indicator = await db.Indicators.Where(i => i.Goal.PlanId == otherPlan).Select(i => i.Id).FirstAsync();
        var before = (await db.FollowUps.CountAsync(), await db.Measurements.CountAsync());

        await Assert.ThrowsAsync<AccessDeniedException>(() => services.FollowUps.RecordFollowUpAsync(secretary, goal, new(FollowUpPoint.AnnualReport, Assessment.Met, null)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => services.FollowUps.RecordMeasurementAsync(secretary, indicator, new("2025", 10m)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => services.FollowUps.RecordMeasurementAsync(TestUsers.Anonymous, indicator, new("2025", 10m)));

        Assert.Equal(before, (await db.FollowUps.CountAsync(), await db.Measurements.CountAsync()));
        Assert.Equal(3, services.Log.Entries.Count(e => e.Message.StartsWith("Refused", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("förra året", 1, "Period")]
    [InlineData("1850", 1, "Period")]
    [InlineData("2027", 1, "Period")]
    [InlineData("2025", null, "Value")]
    public async Task A_measurement_needs_a_year_and_a_value(string period, int? value, string field)
    {
        var indicator = await FirstIndicatorAsync(finalPlanId);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            services.FollowUps.RecordMeasurementAsync(secretary, indicator, new(period, value)));

        Assert.True(error.Errors.ContainsKey(field));
    }

    [Theory]
    [InlineData("100000000000000")]
    [InlineData("-100000000000000")]
    [InlineData("12.34567")]
    public async Task A_value_that_does_not_fit_the_database_is_refused_instead_of_rounded(string value)
    {
        var indicator = await FirstIndicatorAsync(finalPlanId);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            services.FollowUps.RecordMeasurementAsync(secretary, indicator, new("2025", decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture))));

        Assert.Equal("Värdet får ha högst 14 siffror före decimaltecknet och högst 4 decimaler.", error.Errors["Value"]);
        await services.FollowUps.RecordMeasurementAsync(secretary, indicator, new("2025", 99_999_999_999_999.9999m));
    }

    [Theory]
    [InlineData("02025")]
    [InlineData(" 2025 ")]
    [InlineData("0002025")]
    public async Task A_year_typed_with_leading_zeros_or_spaces_is_stored_as_the_year_so_it_gets_no_second_row(string typed)
    {
        var indicator = await FirstIndicatorAsync(finalPlanId);
        await services.FollowUps.RecordMeasurementAsync(secretary, indicator, new("2025", 10m));

        await services.FollowUps.RecordMeasurementAsync(secretary, indicator, new(typed, 12m));

        await using var db = database.CreateDbContext();
        var manual = await db.Measurements.Where(m => m.IndicatorId == indicator && m.Source == "Manuell").ToListAsync();
        var row = Assert.Single(manual, m => m.Period.EndsWith("2025", StringComparison.Ordinal));
        Assert.Equal(("2025", 12m), (row.Period, row.Value));
    }

    [Theory]
    [InlineData("2025\0")]
    [InlineData("20\025")]
    [InlineData("2025\u200B")]
    [InlineData("+2025")]
    [InlineData("20 25")]
    [InlineData("２０２５")]
    [InlineData("٢٠٢٥")]
    [InlineData("99999999999")]
    public async Task A_year_with_anything_but_digits_is_refused(string typed)
    {
        var indicator = await FirstIndicatorAsync(finalPlanId);
        await using var db = database.CreateDbContext();
        var before = await db.Measurements.CountAsync();

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            services.FollowUps.RecordMeasurementAsync(secretary, indicator, new(typed, 10m)));

        Assert.Equal("Ange perioden som ett årtal, till exempel 2025.", error.Errors["Period"]);
        Assert.Equal(before, await db.Measurements.CountAsync());
    }

    [Fact]
    public async Task An_inactive_organisations_goals_can_no_longer_be_followed_up_or_measured()
    {
        var goal = await FirstGoalAsync(finalPlanId);
        var indicator = await FirstIndicatorAsync(finalPlanId);
        await using var db = database.CreateDbContext();
        (await db.Organisations.SingleAsync(o => o.Slug == "kunskapsnamnden")).IsActive = false;
        await db.SaveChangesAsync();
        var before = (await db.FollowUps.CountAsync(), await db.Measurements.CountAsync(), await db.AuditEntries.CountAsync());

        var followUp = await Assert.ThrowsAsync<RuleViolationException>(() => services.FollowUps.RecordFollowUpAsync(secretary, goal, new(FollowUpPoint.AnnualReport, Assessment.Met, null)));
        await Assert.ThrowsAsync<RuleViolationException>(() => services.FollowUps.RecordMeasurementAsync(secretary, indicator, new("2025", 10m)));

        Assert.Equal("Kunskapsnämnden är inte längre aktiv. Dess mål kan inte längre följas upp.", followUp.Message);
        Assert.Equal(before, (await db.FollowUps.CountAsync(), await db.Measurements.CountAsync(), await db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task Measurements_are_corrected_in_place_and_survive_editing_the_goal()
    {
        var planId = await database.PlanIdAsync("kunskapsnamnden", 2026);
        await using (var db = database.CreateDbContext())
        {
            // Editing needs an open plan: reopen the 2026 plan as an administrator would.
            (await db.Plans.SingleAsync(p => p.Id == planId)).Status = PlanStatus.Revision;
            await db.SaveChangesAsync();
        }

        var indicator = await FirstIndicatorAsync(planId);
        await services.FollowUps.RecordMeasurementAsync(secretary, indicator, new("2024", 70m));
        await services.FollowUps.RecordMeasurementAsync(secretary, indicator, new("2024", 71.5m), await database.MeasurementTokenAsync(indicator, "2024"));
        await services.FollowUps.RecordMeasurementAsync(secretary, indicator, new("2025", 74m));
        var goal = (await services.Workspace.ReadPlanAsync(secretary, planId)).Goals.Single(g => g.Input.Indicators.Any(i => i.Id == indicator));

        await services.Editing.UpdateGoalAsync(secretary, goal.Id, goal.ConcurrencyToken, goal.Input with
        {
            Title = goal.Input.Title + " (ändrad)",
            Indicators = [.. goal.Input.Indicators.Select(i => i with { Name = i.Name + " (nytt namn)" })],
        });

        var copy = await services.Workspace.ReadPlanAsync(secretary, planId);
        Assert.Contains(copy.Goals.Single(g => g.Id == goal.Id).Input.Indicators, i => i.Id == indicator && i.Name.EndsWith("(nytt namn)", StringComparison.Ordinal));
        Assert.Equal([("2024", 71.5m), ("2025", 74m)], copy.Measurements.Where(m => m.IndicatorId == indicator && m.Source == FollowUpService.ManualSource).Select(m => (m.Period, m.Value)));
    }

    private async Task<int> FirstGoalAsync(int planId)
    {
        await using var db = database.CreateDbContext();
        return await db.Goals.Where(g => g.PlanId == planId).OrderBy(g => g.SortOrder).Select(g => g.Id).FirstAsync();
    }

    private async Task<int> FirstIndicatorAsync(int planId)
    {
        await using var db = database.CreateDbContext();
        return await db.Indicators.Where(i => i.Goal.PlanId == planId).OrderBy(i => i.Id).Select(i => i.Id).FirstAsync();
    }
}
