using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Organisations;

namespace Sandviken.Strategy.Domain.Plans;

/// <summary>Where a plan stands in its decision cycle (DESIGN.md §3).</summary>
public enum PlanStatus
{
    /// <summary>Utkast: being written, no decision yet.</summary>
    Draft = 1,

    /// <summary>Utkast beslutat: the April draft decision is recorded; editing continues.</summary>
    DraftDecided = 2,

    /// <summary>Fastställd: the September decision is recorded; read-only.</summary>
    Final = 3,

    /// <summary>Revidering: an administrator reopened a final plan with a reason.</summary>
    Revision = 4,
}

/// <summary>One organisation's plan (nämndplan or the company's strategic goals) for one budget year: the working copy.</summary>
public class Plan
{
    public int Id { get; set; }

    public int OrganisationId { get; set; }

    public Organisation Organisation { get; set; } = null!;

    public int BudgetYear { get; set; }

    public PlanStatus Status { get; set; } = PlanStatus.Draft;

    /// <summary>App-managed optimistic concurrency token: renewed on every change (SQLite has no rowversion).</summary>
    public Guid ConcurrencyToken { get; set; } = Guid.NewGuid();

    public List<Goal> Goals { get; set; } = [];

    public List<Decision> Decisions { get; set; } = [];

    public List<PlanVersion> Versions { get; set; } = [];
}
