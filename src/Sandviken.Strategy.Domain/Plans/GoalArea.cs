using Sandviken.Strategy.Domain.Areas;

namespace Sandviken.Strategy.Domain.Plans;

/// <summary>The link between a goal and one of the strategic areas it serves.</summary>
public class GoalArea
{
    public int GoalId { get; set; }

    public Goal Goal { get; set; } = null!;

    public int StrategicAreaId { get; set; }

    public StrategicArea StrategicArea { get; set; } = null!;
}
