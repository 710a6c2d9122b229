using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Sandviken.Strategy.Domain.Access;
using Sandviken.Strategy.Domain.Mail;
using Sandviken.Strategy.Domain.Plans;
using Sandviken.Strategy.Domain.Reminders;
using Sandviken.Strategy.Domain.Tests.Infrastructure;

namespace Sandviken.Strategy.Domain.Tests.Reminders;

/// <summary>Indicators written straight into a test database, and the reminder services on it.</summary>
internal static class ReminderTestData
{
    /// <summary>Adds a goal with one indicator to the organisation's plan for the year, with values for the years given.</summary>
    public static async Task<int> AddIndicatorAsync(
        this TestDatabase database, string organisationSlug, int budgetYear, string name, string? koladaId, params int[] valueYears)
    {
        await using var db = database.CreateDbContext();
        var planId = await db.Plans.Where(p => p.Organisation.Slug == organisationSlug && p.BudgetYear == budgetYear).Select(p => p.Id).SingleAsync();
        var indicator = new Indicator
        {
            Name = name,
            KoladaKpiId = koladaId,
            Measurements = valueYears.Select(y => new Measurement
            {
                Period = y.ToString(System.Globalization.CultureInfo.InvariantCulture), Value = 1, Source = "Manuell", FetchedAtUtc = DateTime.UtcNow,
            }).ToList(),
        };
        db.Goals.Add(new Goal { PlanId = planId, Title = $"Mål för {name}", Indicators = [indicator] });
        await db.SaveChangesAsync();
        return indicator.Id;
    }

    public static async Task SetRemindersOffAsync(this TestDatabase database, string userName)
    {
        await using var db = database.CreateDbContext();
        var user = await db.Users.SingleAsync(u => u.UserName == userName);
        user.RemindersOff = true;
        await db.SaveChangesAsync();
    }

    public static StaleIndicatorReader Stale(TestDatabase database, TimeProvider clock) =>
        new(database, new ActorLoader(NullLogger<ActorLoader>.Instance), clock, new ReminderOptions());

    public static ReminderSender Sender(TestDatabase database, FakeTimeProvider clock, SmtpSink smtp, ReminderOptions? options = null)
    {
        var email = smtp.Options();
        return new ReminderSender(
            database, new SmtpMailSender(email), email, options ?? new ReminderOptions(), Stale(database, clock), clock, NullLogger<ReminderSender>.Instance);
    }

    /// <summary>Stockholm noon on the day (UTC+2 in spring and autumn, UTC+1 in winter: 10:00 UTC is daytime in both).</summary>
    public static FakeTimeProvider Clock(int year, int month, int day) => new(new DateTimeOffset(year, month, day, 10, 0, 0, TimeSpan.Zero));
}
