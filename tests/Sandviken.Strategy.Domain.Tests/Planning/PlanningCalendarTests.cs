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
}
