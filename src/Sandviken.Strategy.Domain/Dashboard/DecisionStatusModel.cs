using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Domain.Planning;

namespace Sandviken.Strategy.Domain.Dashboard;

/// <summary>The decision status of one budget year: the dashboard's table, and the start page's summary of it.</summary>
public sealed record DecisionStatusModel(
    int BudgetYear,
    IReadOnlyList<int> BudgetYears,
    DateOnly DraftDeadline,
    DateOnly FinalDeadline,
    OrganisationFilter Filter,
    IReadOnlyList<DecisionStatusRow> Rows)
{
    public int DraftsDecided => Count(r => r.Draft, DecisionState.Decided);

    public int FinalsDecided => Count(r => r.Final, DecisionState.Decided);

    public int DraftsOverdue => Count(r => r.Draft, DecisionState.Overdue);

    public int FinalsOverdue => Count(r => r.Final, DecisionState.Overdue);

    /// <summary>The organisations the April decision was due from (not those added after its deadline).</summary>
    public int DraftsDue => Rows.Count - Count(r => r.Draft, DecisionState.NotApplicable);

    public int FinalsDue => Rows.Count - Count(r => r.Final, DecisionState.NotApplicable);

    /// <summary>Organisations with at least one overdue decision.</summary>
    public int OrganisationsOverdue => Rows.Count(r => r.Draft.State == DecisionState.Overdue || r.Final.State == DecisionState.Overdue);

    private int Count(Func<DecisionStatusRow, DecisionStatusCell> cell, DecisionState state) => Rows.Count(r => cell(r).State == state);

    /// <summary>The one way the public pages turn a year's organisations into decision states (start page and dashboard alike).</summary>
    public static DecisionStatusModel From(
        CycleDates cycle, IReadOnlyList<int> budgetYears, OrganisationFilter filter, IEnumerable<OrganisationYear> organisations, DateOnly today) =>
        new(cycle.BudgetYear, budgetYears, cycle.DraftDeadline, cycle.FinalDeadline, filter,
            [.. organisations.Select(o => new DecisionStatusRow(o.Slug, o.Name, o.Kind,
                DecisionStatusCell.Of(o.DraftState(cycle, today), o.Draft),
                DecisionStatusCell.Of(o.FinalState(cycle, today), o.Final)))]);
}

public sealed record DecisionStatusRow(string Slug, string Name, OrganisationKind Kind, DecisionStatusCell Draft, DecisionStatusCell Final);

/// <summary>One cell of the dashboard: the state, and the decision when there is one.</summary>
public sealed record DecisionStatusCell(DecisionState State, DateOnly? DecidedOn, string? DecidedBy, string? Reference, int? VersionNumber)
{
    public static DecisionStatusCell Of(DecisionState state, DecisionView? decision) =>
        new(state, decision?.DecidedOn, decision?.DecidedBy, decision?.Reference, decision?.VersionNumber);
}
