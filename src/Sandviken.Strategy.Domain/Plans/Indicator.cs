namespace Sandviken.Strategy.Domain.Plans;

/// <summary>Which way an indicator should move for the goal to be met.</summary>
public enum IndicatorDirection
{
    Increase = 1,
    Decrease = 2,
    Maintain = 3,
}

/// <summary>A measure (indikator / nyckeltal) of a goal.</summary>
public class Indicator
{
    public int Id { get; set; }

    public int GoalId { get; set; }

    public Goal Goal { get; set; } = null!;

    public required string Name { get; set; }

    public string Unit { get; set; } = "";

    public IndicatorDirection Direction { get; set; } = IndicatorDirection.Increase;

    public decimal? BaselineValue { get; set; }

    public int? BaselineYear { get; set; }

    public decimal? TargetValue { get; set; }

    public int? TargetYear { get; set; }

    public string? KoladaKpiId { get; set; }

    public int SortOrder { get; set; }

    public List<Measurement> Measurements { get; set; } = [];
}
