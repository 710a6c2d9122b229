using Sandviken.Strategy.Domain.Decisions;

namespace Sandviken.Strategy.Domain.Auditing;

/// <summary>One change, written in the same transaction as the change itself and never updated.</summary>
public class AuditEntry : IWriteOnce
{
    public long Id { get; set; }

    public DateTime AtUtc { get; set; }

    public required string User { get; set; }

    /// <summary>What was done, for example "RecordDecision" or "Seed".</summary>
    public required string Action { get; set; }

    /// <summary>The kind of entity, for example "Plan".</summary>
    public required string Entity { get; set; }

    public required string EntityId { get; set; }

    /// <summary>JSON of the entity before the change, or null when it was created.</summary>
    public string? Before { get; set; }

    /// <summary>JSON of the entity after the change, or null when it was removed.</summary>
    public string? After { get; set; }
}
