namespace Sandviken.Strategy.Domain.Decisions;

/// <summary>
/// Marks records that are written once and never updated or deleted (decisions, frozen versions,
/// audit entries). <see cref="Data.StrategyDbContext"/> refuses to save a change to one.
/// </summary>
public interface IWriteOnce;
