using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Reminders;
using Sandviken.Strategy.Domain.Tests.Infrastructure;
using Sandviken.Strategy.Domain.Users;

namespace Sandviken.Strategy.Domain.Tests.Reminders;

/// <summary>
/// Reminders and overdue notices through a real SMTP server (tests/smtp/smtp_sink.py) from a real SQLite database. The seed's
/// cycle for budget year 2026 has its draft deadline on 30 April 2025; no organisation has recorded that decision.
/// </summary>
public sealed class ReminderSenderTests : IAsyncLifetime
{
    private const string Organisation = "overformyndarnamnden-i-vastra-gastrikland";
    private const string OrganisationName = "Överförmyndarnämnden i Västra Gästrikland";
    private const string Secretary = "sara@sandviken.test";
    private const string OptedOut = "olle@sandviken.test";
    private const string Administrator = "admin@sandviken.test";
    private TestDatabase database = null!;
    private SmtpSink smtp = null!;
    private int planId;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateSeededFileAsync();
        smtp = await SmtpSink.StartAsync();
        await database.CreateAsync(Secretary, Roles.Secretary, Organisation);
        await database.CreateAsync(OptedOut, Roles.Secretary, Organisation);
        await database.SetRemindersOffAsync(OptedOut);
        await database.CreateAsync(Administrator, Roles.Administrator);
        await database.AddIndicatorAsync(Organisation, 2025, "Andel ärenden inom tre veckor", koladaId: null);
        planId = await database.PlanIdAsync(Organisation, 2026);
    }

    public async Task DisposeAsync()
    {
        await smtp.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task A_reminder_reaches_the_secretary_once_in_Swedish_with_the_links_and_the_stale_indicators_when_run_twice()
    {
        var clock = ReminderTestData.Clock(2025, 4, 20);

        var first = await ReminderTestData.Sender(database, clock, smtp).RunOnceAsync();
        var second = await ReminderTestData.Sender(database, clock, smtp).RunOnceAsync();

        var (to, message) = Assert.Single(smtp.Messages());
        Assert.Equal([Secretary], to);
        Assert.Equal((1, 0), (first.Sent, second.Sent));
        Assert.Equal($"Påminnelse: beslut om utkast om plan 2026 för {OrganisationName} senast 30 april 2025", message.Subject);
        var body = message.TextBody;
        Assert.Contains("Sista dag är 30 april 2025 (om 10 dagar).", body, StringComparison.Ordinal);
        Assert.Contains($"https://strategi.sandviken.test/arbetsyta/planer/{planId}", body, StringComparison.Ordinal);
        Assert.Contains($"https://strategi.sandviken.test/organisationer/{Organisation}/2026", body, StringComparison.Ordinal);
        Assert.Contains("- Andel ärenden inom tre veckor (mål: Mål för Andel ärenden inom tre veckor): saknar både Kolada-id och värden", body, StringComparison.Ordinal);
        Assert.Contains("https://strategi.sandviken.test/konto/paminnelser", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_instances_at_once_send_each_message_exactly_once()
    {
        // The final deadline, 30 September 2025: neither Omsorgsnämnden nor Överförmyndarnämnden has recorded it.
        await database.CreateAsync("karin@sandviken.test", Roles.Secretary, "omsorgsnamnden");
        var clock = ReminderTestData.Clock(2025, 9, 28);

        var results = await Task.WhenAll(
            Task.Run(() => ReminderTestData.Sender(database, clock, smtp).RunOnceAsync()),
            Task.Run(() => ReminderTestData.Sender(database, clock, smtp).RunOnceAsync()));

        var messages = smtp.Messages();
        Assert.Equal(2, messages.Count);
        Assert.Equal(2, results.Sum(r => r.Sent));
        Assert.Equal(["karin@sandviken.test", Secretary], messages.SelectMany(m => m.To).Order(StringComparer.Ordinal));
        Assert.All(messages, m => Assert.Contains("(om 2 dagar)", m.Message.TextBody, StringComparison.Ordinal));
        await using var db = database.CreateDbContext();
        Assert.Equal(["before-3", "before-3"], await db.ReminderLog.Where(e => e.SentAtUtc != null).Select(e => e.Kind).ToListAsync());
    }

    [Fact]
    public async Task Each_step_and_the_overdue_notice_go_once_and_the_notice_also_reaches_the_administrators()
    {
        foreach (var day in new[] { 16, 17, 27, 28 })
        {
            await ReminderTestData.Sender(database, ReminderTestData.Clock(2025, 4, day), smtp).RunOnceAsync();
        }

        await ReminderTestData.Sender(database, ReminderTestData.Clock(2025, 5, 2), smtp).RunOnceAsync();
        await ReminderTestData.Sender(database, ReminderTestData.Clock(2025, 5, 3), smtp).RunOnceAsync();

        var messages = smtp.Messages();
        Assert.Equal(3, messages.Count);
        var notice = Assert.Single(messages, m => m.Message.Subject?.StartsWith("Försenat", StringComparison.Ordinal) == true);
        Assert.Equal([Administrator, Secretary], notice.To);
        Assert.Equal($"Försenat: beslut om utkast om plan 2026 för {OrganisationName}", notice.Message.Subject);
        Assert.Contains("Sista dag var 30 april 2025, så beslutet är försenat.", notice.Message.TextBody, StringComparison.Ordinal);
        Assert.All(messages, m => Assert.DoesNotContain(OptedOut, m.To));
    }

    [Fact]
    public async Task An_organisation_that_recorded_the_decision_gets_no_reminder()
    {
        var services = new Services(database);
        database.Clock = ReminderTestData.Clock(2025, 4, 15);
        var secretary = TestUsers.PrincipalOf(await UserIdAsync(Secretary), Secretary);
        await services.Decisions.RecordDecisionAsync(secretary, planId, Infrastructure.Plans.Draft(new DateOnly(2025, 4, 14)));

        var result = await ReminderTestData.Sender(database, ReminderTestData.Clock(2025, 4, 20), smtp).RunOnceAsync();

        Assert.Equal(0, result.Sent);
        Assert.Empty(smtp.Messages());
    }

    [Fact]
    public async Task A_message_the_server_refuses_is_logged_and_sent_once_later()
    {
        var clock = ReminderTestData.Clock(2025, 4, 20);
        smtp.Reject(true);

        var failed = await ReminderTestData.Sender(database, clock, smtp).RunOnceAsync();
        smtp.Reject(false);
        var tooSoon = await ReminderTestData.Sender(database, clock, smtp).RunOnceAsync();
        clock.Advance(TimeSpan.FromMinutes(31));
        var retried = await ReminderTestData.Sender(database, clock, smtp).RunOnceAsync();
        var again = await ReminderTestData.Sender(database, clock, smtp).RunOnceAsync();

        Assert.Equal((1, 0), (failed.Failed, failed.Sent));
        Assert.Equal((0, 1), (tooSoon.Sent, tooSoon.AlreadyClaimed));
        Assert.Equal(1, retried.Sent);
        Assert.Equal(0, again.Sent);
        Assert.Single(smtp.Messages());
        await using var db = database.CreateDbContext();
        var entry = await db.ReminderLog.SingleAsync();
        Assert.Equal(2, entry.Attempts);
        Assert.NotNull(entry.SentAtUtc);
        Assert.Contains("Try again later", entry.LastError ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_send_log_forgets_a_row_after_the_days_kept_and_its_message_does_not_go_again()
    {
        var claimed = ReminderTestData.Clock(2025, 4, 20);
        await ReminderTestData.Sender(database, claimed, smtp).RunOnceAsync();
        var dayBefore = ReminderTestData.Clock(2025, 7, 18); // 89 days after the claim: kept
        var dayAfter = ReminderTestData.Clock(2025, 7, 20); // 91 days: gone

        var kept = await ReminderTestData.Sender(database, dayBefore, smtp).RunOnceAsync();
        var keptRows = await LogKindsAsync();
        var gone = await ReminderTestData.Sender(database, dayAfter, smtp).RunOnceAsync();

        // Neither later run plans a message: 30 April is past the overdue window and 30 September is not near yet.
        Assert.Equal((0, 0), (kept.Pruned, kept.Sent));
        Assert.Equal(["before-14"], keptRows);
        Assert.Equal((1, 0), (gone.Pruned, gone.Sent));
        Assert.Empty(await LogKindsAsync());
        Assert.Single(smtp.Messages());
    }

    [Fact]
    public async Task A_row_is_kept_while_a_run_could_still_plan_its_message_however_few_days_are_configured()
    {
        var keepOneDay = new ReminderOptions { KeepLogDays = 1 };
        await ReminderTestData.Sender(database, ReminderTestData.Clock(2025, 4, 17), smtp, keepOneDay).RunOnceAsync();

        // Three days later the 14-day step is still due: without its row, the reminder would go a second time.
        var stillDue = await ReminderTestData.Sender(database, ReminderTestData.Clock(2025, 4, 20), smtp, keepOneDay).RunOnceAsync();
        // 14 days of steps + 30 days of overdue window + 1: the row goes after 45 days.
        var day44 = await ReminderTestData.Sender(database, ReminderTestData.Clock(2025, 5, 31), smtp, keepOneDay).RunOnceAsync();
        var day46 = await ReminderTestData.Sender(database, ReminderTestData.Clock(2025, 6, 2), smtp, keepOneDay).RunOnceAsync();

        Assert.Equal((0, 0, 1), (stillDue.Pruned, stillDue.Sent, stillDue.AlreadyClaimed));
        Assert.Equal((0, 1), (day44.Pruned, day46.Pruned));
        Assert.Single(smtp.Messages());
    }

    private async Task<List<string>> LogKindsAsync()
    {
        await using var db = database.CreateDbContext();
        return await db.ReminderLog.Select(e => e.Kind).ToListAsync();
    }

    private async Task<string> UserIdAsync(string userName)
    {
        await using var db = database.CreateDbContext();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }
}
