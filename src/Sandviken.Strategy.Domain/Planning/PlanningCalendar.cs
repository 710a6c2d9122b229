namespace Sandviken.Strategy.Domain.Planning;

/// <summary>Where one decision of a plan stands: Beslutad, Ej beslutad or Försenad.</summary>
public enum DecisionState
{
    NotDecided = 1,
    Overdue = 2,
    Decided = 3,
}

/// <summary>Dates of the planning cycle. "Today" is the Stockholm date of an injected clock, so tests can move it.</summary>
public static class PlanningCalendar
{
    private static readonly TimeZoneInfo Stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    public static DateOnly Today(TimeProvider time) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Stockholm).DateTime);

    /// <summary>The moment a Stockholm day begins (midnight local time), in UTC.</summary>
    public static DateTimeOffset StartOfDayUtc(DateOnly day) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), Stockholm), TimeSpan.Zero);

    public static DateTime ToStockholmTime(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Stockholm);

    /// <summary>
    /// The cycle people are working on: the earliest one whose final deadline has not passed, or, when all
    /// have passed, the latest one (its overdue decisions are still the news).
    /// </summary>
    public static T? CurrentCycle<T>(IEnumerable<T> cycles, Func<T, int> budgetYear, Func<T, DateOnly> finalDeadline, DateOnly today)
        where T : class
    {
        var ordered = cycles.OrderBy(budgetYear).ToList();
        return ordered.FirstOrDefault(c => finalDeadline(c) >= today) ?? ordered.LastOrDefault();
    }

    /// <summary>A decision is overdue from the day after its deadline until it is recorded.</summary>
    public static DecisionState StateOf(bool decided, DateOnly deadline, DateOnly today) =>
        decided ? DecisionState.Decided : today > deadline ? DecisionState.Overdue : DecisionState.NotDecided;
}
