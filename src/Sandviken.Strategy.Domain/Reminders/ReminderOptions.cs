namespace Sandviken.Strategy.Domain.Reminders;

/// <summary>The "Reminders" section (ADR 0041).</summary>
public sealed class ReminderOptions
{
    public const string SectionName = "Reminders";

    /// <summary>How many days before a deadline a reminder goes out; one message per step (default 14 and 3).</summary>
    public IReadOnlyList<int> DaysBefore { get; set; } = [14, 3];

    /// <summary>
    /// From this month on (1–12, default 4: April, when Kolada has published most of last year's figures), an indicator
    /// is expected to have a value for the previous year; before it, for the year before that.
    /// </summary>
    public int StaleAfterMonth { get; set; } = 4;

    /// <summary>How often the sender looks for reminders to send (default one hour).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Days a row of the send log is kept after its message was claimed (default 90): it holds e-mail addresses, so it
    /// goes when it is no longer needed (docs/privacy.md). Never fewer than the longest step plus the overdue window,
    /// while a run could still plan the same message and the row is what stops it going twice.
    /// </summary>
    public int KeepLogDays { get; set; } = 90;

    /// <summary>A claimed message that was not sent (the server failed, the instance stopped) is tried again after this.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromMinutes(30);
}
