namespace Sandviken.Strategy.Domain.Planning;

/// <summary>Where one decision of a plan stands: Beslutad, Ej beslutad or Försenad.</summary>
public enum DecisionState
{
    NotDecided = 1,
    Overdue = 2,
    Decided = 3,

    /// <summary>Ej aktuell: the deadline passed before the organisation was added, so nothing was due from it.</summary>
    NotApplicable = 4,
}

/// <summary>A planning cycle's dates; <paramref name="HasAreas"/> says whether the year's mandate period has strategic areas.</summary>
public sealed record CycleDates(int MunicipalityId, int BudgetYear, DateOnly DraftDeadline, DateOnly FinalDeadline, bool HasAreas);

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

    /// <summary>
    /// The cycle the public pages show when no year is asked for: the current cycle among the years whose mandate period
    /// has strategic areas (a plan can only be made for such a year, ADR 0025), or among all cycles when none has.
    /// The start page, the area pages and the dashboard all use this one rule, so that they show the same year.
    /// </summary>
    public static T? ShownCycle<T>(IEnumerable<T> cycles, Func<T, int> budgetYear, Func<T, DateOnly> finalDeadline, Func<T, bool> hasAreas, DateOnly today)
        where T : class
    {
        var all = cycles.ToList();
        return CurrentCycle(all.Where(hasAreas), budgetYear, finalDeadline, today) ?? CurrentCycle(all, budgetYear, finalDeadline, today);
    }

    public static CycleDates? ShownCycle(IEnumerable<CycleDates> cycles, DateOnly today) =>
        ShownCycle(cycles, c => c.BudgetYear, c => c.FinalDeadline, c => c.HasAreas, today);

    /// <summary>
    /// A decision is overdue from the day after its deadline until it is recorded. Nothing is due from an organisation
    /// for a deadline that passed before it was added (<paramref name="addedOn"/>, null when it was there from the start).
    /// </summary>
    public static DecisionState StateOf(bool decided, DateOnly deadline, DateOnly today, DateOnly? addedOn = null) =>
        decided ? DecisionState.Decided
        : addedOn > deadline ? DecisionState.NotApplicable
        : today > deadline ? DecisionState.Overdue
        : DecisionState.NotDecided;
}
