using Microsoft.Extensions.Time.Testing;
using Sandviken.Strategy.Domain.Planning;

namespace Sandviken.Strategy.Domain.Tests.Planning;

public sealed class PlanningCalendarTests
{
    private static readonly DateOnly Deadline = new(2025, 4, 30);

    [Theory]
    [InlineData(2025, 4, 29, DecisionState.NotDecided)]
    [InlineData(2025, 4, 30, DecisionState.NotDecided)]
    [InlineData(2025, 5, 1, DecisionState.Overdue)]
    public void An_unrecorded_decision_is_overdue_from_the_day_after_its_deadline(int year, int month, int day, DecisionState expected) =>
        Assert.Equal(expected, PlanningCalendar.StateOf(decided: false, Deadline, new DateOnly(year, month, day)));

    [Fact]
    public void A_recorded_decision_is_decided_whatever_the_date() =>
        Assert.Equal(DecisionState.Decided, PlanningCalendar.StateOf(decided: true, Deadline, new DateOnly(2030, 1, 1)));

    [Fact]
    public void Today_is_the_date_in_Stockholm_not_in_UTC()
    {
        // 22:30 UTC on 30 April is 00:30 on 1 May in Stockholm (summer time, UTC+2).
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 4, 30, 22, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2025, 5, 1), PlanningCalendar.Today(clock));
    }

    [Theory]
    [InlineData(2024, 6, 1, 2025)]
    [InlineData(2024, 9, 30, 2025)]
    [InlineData(2024, 10, 1, 2026)]
    [InlineData(2026, 11, 26, 2026)]
    [InlineData(2020, 1, 1, 2024)]
    public void The_current_cycle_is_the_first_whose_final_deadline_has_not_passed_else_the_latest(int year, int month, int day, int expected)
    {
        int[] budgetYears = [2026, 2024, 2025];
        var cycles = budgetYears.Select(y => new PlanningCycle { BudgetYear = y, DraftDeadline = new(y - 1, 4, 30), FinalDeadline = new(y - 1, 9, 30) });

        var current = PlanningCalendar.CurrentCycle(cycles, c => c.BudgetYear, c => c.FinalDeadline, new DateOnly(year, month, day));

        Assert.Equal(expected, current?.BudgetYear);
    }

    [Theory]
    [InlineData("2025-04-29", DecisionState.NotApplicable)]
    [InlineData("2025-04-30", DecisionState.Overdue)]
    [InlineData("2025-05-01", DecisionState.Overdue)]
    public void A_deadline_that_passed_before_the_organisation_was_added_does_not_apply_to_it(string deadline, DecisionState expected) =>
        Assert.Equal(expected, PlanningCalendar.StateOf(decided: false, DateOnly.Parse(deadline, Swedish.Culture), new DateOnly(2026, 11, 26), addedOn: new DateOnly(2025, 4, 30)));

    [Fact]
    public void A_decision_recorded_by_a_late_added_organisation_is_still_decided() =>
        Assert.Equal(DecisionState.Decided, PlanningCalendar.StateOf(decided: true, Deadline, new DateOnly(2026, 11, 26), addedOn: new DateOnly(2026, 1, 1)));

    [Theory]
    // Next year's cycle added before its mandate period has areas: the public pages stay on the year that has them.
    [InlineData(2026, 11, 26, false, 2026)]
    // Once its period has areas, the next year is shown as soon as the current year's final deadline has passed.
    [InlineData(2026, 11, 26, true, 2027)]
    [InlineData(2025, 6, 1, true, 2026)]
    [InlineData(2025, 6, 1, false, 2026)]
    public void The_shown_cycle_is_the_current_one_among_the_years_whose_period_has_areas(int year, int month, int day, bool nextHasAreas, int expected)
    {
        CycleDates[] cycles =
        [
            new(1, 2025, new(2024, 4, 30), new(2024, 9, 30), true),
            new(1, 2026, new(2025, 4, 30), new(2025, 9, 30), true),
            new(1, 2027, new(2026, 4, 30), new(2026, 9, 30), nextHasAreas),
        ];

        Assert.Equal(expected, PlanningCalendar.ShownCycle(cycles, new DateOnly(year, month, day))?.BudgetYear);
    }

    [Fact]
    public void Without_any_areas_the_shown_cycle_is_simply_the_current_one()
    {
        CycleDates[] cycles = [new(1, 2025, new(2024, 4, 30), new(2024, 9, 30), false), new(1, 2026, new(2025, 4, 30), new(2025, 9, 30), false)];

        Assert.Equal(2026, PlanningCalendar.ShownCycle(cycles, new DateOnly(2024, 12, 1))?.BudgetYear);
    }
}
