namespace Sandviken.Strategy.Domain.Plans;

/// <summary>A goal in a plan (nämndmål or a company's strategic goal), linked to at least one strategic area.</summary>
public class Goal
{
    public int Id { get; set; }

    public int PlanId { get; set; }

    public Plan Plan { get; set; } = null!;

    public required string Title { get; set; }

    public string? Description { get; set; }

    public int SortOrder { get; set; }

    public Guid ConcurrencyToken { get; set; } = Guid.NewGuid();

    public List<GoalArea> Areas { get; set; } = [];

    public List<Indicator> Indicators { get; set; } = [];
}
