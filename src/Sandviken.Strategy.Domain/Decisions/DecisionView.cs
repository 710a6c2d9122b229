namespace Sandviken.Strategy.Domain.Decisions;

/// <summary>A recorded decision as the public pages show it, with the number of the version it froze.</summary>
public sealed record DecisionView(DecisionKind Kind, DateOnly DecidedOn, string DecidedBy, string Reference, int VersionNumber);
