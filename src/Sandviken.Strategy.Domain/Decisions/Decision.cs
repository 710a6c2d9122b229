using Sandviken.Strategy.Domain.Plans;

namespace Sandviken.Strategy.Domain.Decisions;

/// <summary>A recorded decision on a plan: the April draft or the September final decision.</summary>
public class Decision : IWriteOnce
{
    public int Id { get; set; }

    public int PlanId { get; set; }

    public Plan Plan { get; set; } = null!;

    public DecisionKind Kind { get; set; }

    public DateOnly DecidedOn { get; set; }

    /// <summary>Beslutsinstans: the body that decided, for example "Kunskapsnämnden".</summary>
    public required string DecidedBy { get; set; }

    /// <summary>Paragraph and case number, for example "§ 45, dnr KUN 2023/112".</summary>
    public required string Reference { get; set; }

    public required string RecordedBy { get; set; }

    public DateTime RecordedAtUtc { get; set; }

    /// <summary>The frozen version this decision made.</summary>
    public int PlanVersionId { get; set; }

    public PlanVersion PlanVersion { get; set; } = null!;
}
