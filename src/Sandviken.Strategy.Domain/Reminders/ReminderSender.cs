using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Mail;
using Sandviken.Strategy.Domain.Planning;
using Sandviken.Strategy.Domain.Users;

namespace Sandviken.Strategy.Domain.Reminders;

/// <summary>What one run did, for the log and the tests; <paramref name="Pruned"/> counts the send-log rows deleted.</summary>
public sealed record ReminderRunResult(int Sent, int Failed, int AlreadyClaimed, int Pruned);

/// <summary>
/// Reminders before each deadline and notices once it has passed (ADR 0041). For every deadline of a planning cycle with
/// today between the earliest reminder day and <see cref="OverdueWindowDays"/> days after it, each active organisation
/// without that decision gets one message per kind: the latest days-before step reached, or "overdue". A message is
/// claimed in the send log (unique key) before it goes out, so it is never repeated by a restart or a second instance;
/// one the server refused stays unsent and is tried again after <see cref="ReminderOptions.RetryAfter"/>.
/// </summary>
public sealed class ReminderSender(
    IDbContextFactory<StrategyDbContext> dbFactory,
    IMailSender mail,
    EmailOptions email,
    ReminderOptions options,
    StaleIndicatorReader stale,
    TimeProvider time,
    ILogger<ReminderSender> logger)
{
    /// <summary>Overdue notices go out only for deadlines passed at most this many days ago: no flood of old news at the first start.</summary>
    public const int OverdueWindowDays = 30;

    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    public async Task<ReminderRunResult> RunOnceAsync(CancellationToken ct = default)
    {
        var today = PlanningCalendar.Today(time);
        var steps = options.DaysBefore.Where(d => d >= 0).Distinct().OrderBy(d => d).ToList();
        var earliest = steps.Count == 0 ? 0 : steps[^1];
        List<Message> messages;
        int pruned;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            pruned = await PruneLogAsync(db, earliest, ct);
            messages = await PlanAsync(db, today, steps, earliest, ct);
        }

        int sent = 0, failed = 0, claimedElsewhere = 0;
        foreach (var message in messages)
        {
            if (!await ClaimAsync(message, ct))
            {
                claimedElsewhere++;
                continue;
            }

            try
            {
                await mail.SendAsync(message.Mail, ct);
                await MarkAsync(message.Key, sentAtUtc: time.GetUtcNow().UtcDateTime, error: null, ct);
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The claim stays unsent: a later run takes it again once RetryAfter has passed.
                logger.LogWarning("Reminder {Key} could not be sent: {Message}", message.Key, e.Message);
                await MarkAsync(message.Key, sentAtUtc: null, error: e.Message, ct);
                failed++;
            }
        }

        return new ReminderRunResult(sent, failed, claimedElsewhere, pruned);
    }

    /// <summary>
    /// How long a send-log row is kept. A row claimed on day T is for a deadline at most <paramref name="earliest"/> days
    /// after T, which is planned again until <see cref="OverdueWindowDays"/> days after it: past that, nothing can repeat.
    /// </summary>
    public TimeSpan LogRetention(int earliest) =>
        TimeSpan.FromDays(Math.Max(options.KeepLogDays, earliest + OverdueWindowDays + 1));

    private async Task<int> PruneLogAsync(StrategyDbContext db, int earliest, CancellationToken ct)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - LogRetention(earliest);
        return await db.ReminderLog.Where(e => e.ClaimedAtUtc < cutoff).ExecuteDeleteAsync(ct);
    }

    private async Task<List<Message>> PlanAsync(StrategyDbContext db, DateOnly today, List<int> steps, int earliest, CancellationToken ct)
    {
        var from = today.AddDays(-OverdueWindowDays);
        var until = today.AddDays(earliest);
        var cycles = await db.PlanningCycles.AsNoTracking()
            .Where(c => (c.DraftDeadline >= from && c.DraftDeadline <= until) || (c.FinalDeadline >= from && c.FinalDeadline <= until))
            .Select(c => new { c.MunicipalityId, c.BudgetYear, c.DraftDeadline, c.FinalDeadline })
            .ToListAsync(ct);
        if (cycles.Count == 0)
        {
            return [];
        }

        var due = new List<(int MunicipalityId, int BudgetYear, DecisionKind Decision, DateOnly Deadline, string Kind)>();
        foreach (var c in cycles)
        {
            foreach (var (decision, deadline) in new[] { (DecisionKind.Draft, c.DraftDeadline), (DecisionKind.Final, c.FinalDeadline) })
            {
                if (KindFor(deadline, today, steps) is { } kind)
                {
                    due.Add((c.MunicipalityId, c.BudgetYear, decision, deadline, kind));
                }
            }
        }

        var years = due.Select(d => d.BudgetYear).Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => o.IsActive)
            .Select(o => new
            {
                o.Id,
                o.MunicipalityId,
                o.Slug,
                o.Name,
                o.AddedOn,
                Plans = db.Plans.Where(p => p.OrganisationId == o.Id && years.Contains(p.BudgetYear))
                    .Select(p => new { p.Id, p.BudgetYear, Kinds = p.Decisions.Select(d => d.Kind).ToList() }).ToList(),
            })
            .ToListAsync(ct);

        var people = await (
            from u in db.Users.AsNoTracking()
            where u.IsActive && !u.RemindersOff && u.Email != null && u.Email != ""
            select new
            {
                u.Email,
                Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).ToList(),
                Organisations = u.Memberships.Select(m => m.OrganisationId).ToList(),
            }).ToListAsync(ct);
        var administrators = people.Where(p => p.Roles.Contains(Roles.Administrator)).Select(p => p.Email!).ToList();

        var staleByOrganisation = (await stale.ReadAllIndicatorsAsync(db, ct))
            .ToLookup(s => s.OrganisationId);

        var messages = new List<Message>();
        foreach (var d in due)
        {
            foreach (var o in organisations.Where(o => o.MunicipalityId == d.MunicipalityId))
            {
                var plan = o.Plans.FirstOrDefault(p => p.BudgetYear == d.BudgetYear);
                var decided = plan?.Kinds.Contains(d.Decision) == true;
                if (PlanningCalendar.StateOf(decided, d.Deadline, today, o.AddedOn) is DecisionState.Decided or DecisionState.NotApplicable)
                {
                    continue;
                }

                var secretaries = people.Where(p => p.Roles.Contains(Roles.Secretary) && p.Organisations.Contains(o.Id)).Select(p => p.Email!);
                var overdue = d.Kind == OverdueKind;
                var recipients = (overdue ? secretaries.Concat(administrators) : secretaries)
                    .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
                if (recipients.Count == 0)
                {
                    continue;
                }

                var key = ReminderLogEntry.KeyOf(d.BudgetYear, d.Decision, o.Id, d.Kind);
                var text = Compose(o.Name, o.Slug, plan?.Id, d.BudgetYear, d.Decision, d.Deadline, today, overdue, staleByOrganisation[o.Id].ToList());
                messages.Add(new Message(key, o.Id, d.BudgetYear, d.Decision, d.Kind, new OutgoingMail(recipients, text.Subject, text.Body)));
            }
        }

        return messages;
    }

    public const string OverdueKind = "overdue";

    /// <summary>The message due for a deadline today: the latest days-before step reached, "overdue" after it, or none.</summary>
    public static string? KindFor(DateOnly deadline, DateOnly today, IReadOnlyList<int> ascendingSteps)
    {
        if (today > deadline)
        {
            return today.DayNumber - deadline.DayNumber <= OverdueWindowDays ? OverdueKind : null;
        }

        var daysLeft = deadline.DayNumber - today.DayNumber;
        return ascendingSteps.Where(s => daysLeft <= s).Select(s => (int?)s).FirstOrDefault() is { } step
            ? $"before-{step}"
            : null;
    }

    private (string Subject, string Body) Compose(
        string organisation, string slug, int? planId, int year, DecisionKind decision, DateOnly deadline, DateOnly today, bool overdue,
        List<StaleMeasure> staleIndicators)
    {
        var what = decision == DecisionKind.Draft ? "beslut om utkast" : "slutgiltigt beslut";
        var date = deadline.ToString("d MMMM yyyy", Swedish);
        var subject = overdue
            ? $"Försenat: {what} om plan {year} för {organisation}"
            : $"Påminnelse: {what} om plan {year} för {organisation} senast {date}";

        var body = new StringBuilder();
        body.AppendLine("Hej!").AppendLine();
        if (overdue)
        {
            body.AppendLine(Swedish, $"{organisation} har inte registrerat {what} om planen för budgetåret {year}. Sista dag var {date}, så beslutet är försenat.");
        }
        else
        {
            var days = deadline.DayNumber - today.DayNumber;
            body.AppendLine(Swedish, $"{organisation} har ännu inte registrerat {what} om planen för budgetåret {year}. Sista dag är {date} ({(days == 0 ? "i dag" : days == 1 ? "i morgon" : $"om {days} dagar")}).");
        }

        body.AppendLine();
        body.AppendLine(Swedish, $"Planen i arbetsytan: {email.Link(planId is { } id ? $"/arbetsyta/planer/{id}" : "/arbetsyta")}");
        body.AppendLine(Swedish, $"Den publicerade planen: {email.Link($"/organisationer/{slug}/{year}")}");
        if (staleIndicators.Count > 0)
        {
            body.AppendLine();
            body.AppendLine("Indikatorer som ingen har uppdaterat:");
            foreach (var s in staleIndicators)
            {
                body.AppendLine(Swedish, $"- {s.Name} (mål: {s.Context}): {s.ReasonText}");
            }
        }

        body.AppendLine();
        body.AppendLine(Swedish, $"Du får det här meddelandet från strategiportalen för att du är sekreterare för {organisation} eller administratör.");
        body.AppendLine(Swedish, $"Du kan stänga av påminnelser på {email.Link("/konto/paminnelser")}.");
        return (subject, body.ToString());
    }

    private async Task<bool> ClaimAsync(Message message, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cutoff = now - options.RetryAfter;

        // An earlier claim that was never sent (the server failed, the instance stopped) is taken over with one atomic UPDATE.
        var retaken = await db.ReminderLog
            .Where(e => e.Key == message.Key && e.SentAtUtc == null && e.ClaimedAtUtc <= cutoff)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedAtUtc, now).SetProperty(e => e.Attempts, e => e.Attempts + 1), ct);
        if (retaken == 1)
        {
            return true;
        }

        if (await db.ReminderLog.AnyAsync(e => e.Key == message.Key, ct))
        {
            return false;
        }

        db.ReminderLog.Add(new ReminderLogEntry
        {
            Key = message.Key,
            OrganisationId = message.OrganisationId,
            BudgetYear = message.BudgetYear,
            Decision = message.Decision,
            Kind = message.Kind,
            Recipients = string.Join(",", message.Mail.To),
            ClaimedAtUtc = now,
            Attempts = 1,
        });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance claimed it first: the unique key refused ours.
            return false;
        }
    }

    private async Task MarkAsync(string key, DateTime? sentAtUtc, string? error, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var trimmed = error is { Length: > 500 } ? error[..500] : error;
        // The last error stays after a later success: the log shows that the message was late and why.
        await db.ReminderLog.Where(e => e.Key == key)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.SentAtUtc, sentAtUtc).SetProperty(e => e.LastError, e => trimmed ?? e.LastError), ct);
    }

    private sealed record Message(string Key, int OrganisationId, int BudgetYear, DecisionKind Decision, string Kind, OutgoingMail Mail);
}
