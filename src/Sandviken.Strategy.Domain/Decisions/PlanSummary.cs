using Sandviken.Strategy.Domain.Planning;
using Sandviken.Strategy.Domain.Plans;

namespace Sandviken.Strategy.Domain.Decisions;

/// <summary>A plan's place in the decision cycle, as the public sees it.</summary>
public sealed record PlanSummary(
    int BudgetYear,
    PlanStatus Status,
    DecisionView? Draft,
    DecisionView? Final,
    DecisionState DraftState,
    DecisionState FinalState)
{
    /// <summary>
    /// The summary of one budget year from the plan's decisions (none without a plan) and the year's cycle (null without
    /// one): the latest decision of each kind, and Försenad or Ej aktuell from the deadlines and the day the organisation
    /// was added.
    /// </summary>
    public static PlanSummary Of(
        int budgetYear, PlanStatus? status, IReadOnlyCollection<DecisionView> decisions, (DateOnly Draft, DateOnly Final)? deadlines, DateOnly? addedOn, DateOnly today)
    {
        var draft = decisions.Where(d => d.Kind == DecisionKind.Draft).MaxBy(d => d.VersionNumber);
        var final = decisions.Where(d => d.Kind == DecisionKind.Final).MaxBy(d => d.VersionNumber);
        return new PlanSummary(
            budgetYear,
            status ?? PlanStatus.Draft,
            draft,
            final,
            StateOf(draft, deadlines?.Draft),
            StateOf(final, deadlines?.Final));

        DecisionState StateOf(DecisionView? decision, DateOnly? deadline) => deadline is { } due
            ? PlanningCalendar.StateOf(decision is not null, due, today, addedOn)
            : decision is null ? DecisionState.NotDecided : DecisionState.Decided;
    }
}
