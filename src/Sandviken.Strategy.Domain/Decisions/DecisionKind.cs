namespace Sandviken.Strategy.Domain.Decisions;

public enum DecisionKind
{
    /// <summary>Beslut om utkast, taken in April.</summary>
    Draft = 1,

    /// <summary>Slutgiltigt beslut, taken in September.</summary>
    Final = 2,
}
