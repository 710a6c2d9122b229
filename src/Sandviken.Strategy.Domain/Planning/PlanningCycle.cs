using Sandviken.Strategy.Domain.Municipalities;

namespace Sandviken.Strategy.Domain.Planning;

/// <summary>
/// The decision cycle for one budget year. For budget year Y the draft is due in April of Y−1 and the
/// final plan in September of Y−1; the deadlines are data so that a municipality can move them.
/// </summary>
public class PlanningCycle : Data.IHasConcurrencyToken
{
    public int Id { get; set; }

    public int MunicipalityId { get; set; }

    public Municipality Municipality { get; set; } = null!;

    public int BudgetYear { get; set; }

    public DateOnly DraftDeadline { get; set; }

    public DateOnly FinalDeadline { get; set; }

    /// <summary>Renewed by every change through a form; a form that sends back an older one is refused (ADR 0032).</summary>
    public Guid ConcurrencyToken { get; set; } = Guid.NewGuid();
}
