namespace Sandviken.Strategy.Domain.Plans;

/// <summary>
/// Someone else saved or removed the goal since it was opened. Nothing was overwritten; <see cref="Current"/>
/// holds the other person's version (null when they removed the goal) so that it can be shown.
/// </summary>
public sealed class GoalConflictException : Exception
{
    public GoalConflictException(GoalState? current, string? changedBy, DateTime? changedAtUtc)
        : base(current is null
            ? "Målet har tagits bort av någon annan sedan du öppnade det. Dina ändringar har inte sparats."
            : "Någon annan har ändrat målet sedan du öppnade det. Dina ändringar har inte sparats: jämför med den sparade versionen nedan.")
    {
        Current = current;
        ChangedBy = changedBy;
        ChangedAtUtc = changedAtUtc;
    }

    public GoalConflictException()
    {
    }

    public GoalConflictException(string message)
        : base(message)
    {
    }

    public GoalConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GoalState? Current { get; }

    public string? ChangedBy { get; }

    public DateTime? ChangedAtUtc { get; }
}

/// <summary>A goal as stored, with the token to send back with the next change.</summary>
public sealed record GoalState(int Id, Guid ConcurrencyToken, int SortOrder, GoalInput Input);
