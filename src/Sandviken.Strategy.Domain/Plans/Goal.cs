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

    /// <summary>
    /// The id of the user who last added or changed the goal (moving it is not changing it); null for goals copied,
    /// seeded or last written before this was kept. Named in the conflict a colleague's save meets.
    /// </summary>
    public string? UpdatedByUserId { get; set; }

    /// <summary>When <see cref="UpdatedByUserId"/> added or changed the goal.</summary>
    public DateTime? UpdatedAtUtc { get; set; }

    public List<GoalArea> Areas { get; set; } = [];

    public List<Indicator> Indicators { get; set; } = [];
}
