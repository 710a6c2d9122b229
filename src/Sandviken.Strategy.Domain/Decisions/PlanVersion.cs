using Sandviken.Strategy.Domain.Plans;

namespace Sandviken.Strategy.Domain.Decisions;

/// <summary>An immutable snapshot of a plan, made by a decision. Public pages show these, never the working copy.</summary>
public class PlanVersion : IWriteOnce
{
    public int Id { get; set; }

    public int PlanId { get; set; }

    public Plan Plan { get; set; } = null!;

    /// <summary>1, 2, 3… per plan, in the order the decisions were recorded.</summary>
    public int Number { get; set; }

    public DecisionKind Kind { get; set; }

    /// <summary>The snapshot as JSON (<see cref="PlanSnapshot"/>).</summary>
    public required string Content { get; set; }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 bytes of <see cref="Content"/>.</summary>
    public required string ContentSha256 { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}
