namespace Sandviken.Strategy.Domain.Plans;

/// <summary>What a secretary enters for a goal: saved whole or not at all.</summary>
public sealed record GoalInput(
    string Title,
    string? Description,
    IReadOnlyList<int> AreaIds,
    IReadOnlyList<IndicatorInput> Indicators);

/// <param name="Id">The stored indicator this input edits, or null for a new one: measurements stay with their indicator.</param>
public sealed record IndicatorInput(
    string Name,
    string Unit,
    IndicatorDirection Direction,
    decimal? BaselineValue,
    int? BaselineYear,
    decimal? TargetValue,
    int? TargetYear,
    string? KoladaKpiId,
    int? Id = null);
