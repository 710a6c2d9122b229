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

    private readonly ReminderSendLog sendLog = new(dbFactory, options, time);

    public async Task<ReminderRunResult> RunOnceAsync(CancellationToken ct = default)
    {
        var today = PlanningCalendar.Today(time);
        var steps = options.DaysBefore.Where(d => d >= 0).Distinct().OrderBy(d => d).ToList();
        var earliest = steps.Count == 0 ? 0 : steps[^1];
        List<Message> messages;
        int pruned;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            pruned = await sendLog.PruneAsync(db, earliest, ct);
            messages = await PlanAsync(db, today, steps, earliest, ct);
        }

        int sent = 0, failed = 0, claimedElsewhere = 0;
        foreach (var message in messages)
        {
            var claim = new ReminderLogEntry
            {
                Key = message.Key, OrganisationId = message.OrganisationId, BudgetYear = message.BudgetYear, Decision = message.Decision, Kind = message.Kind,
                Recipients = string.Join(",", message.Mail.To),
            };
            if (!await sendLog.ClaimAsync(claim, ct))
            {
                claimedElsewhere++;
                continue;
            }

            try
            {
                await mail.SendAsync(message.Mail, ct);
                await sendLog.MarkAsync(message.Key, sentAtUtc: time.GetUtcNow().UtcDateTime, error: null, ct);
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The claim stays unsent: a later run takes it again once RetryAfter has passed.
                logger.LogWarning("Reminder {Key} could not be sent: {Message}", message.Key, e.Message);
                await sendLog.MarkAsync(message.Key, sentAtUtc: null, error: e.Message, ct);
                failed++;
            }
        }

        return new ReminderRunResult(sent, failed, claimedElsewhere, pruned);
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
                var text = ReminderText.Compose(email, o.Name, o.Slug, plan?.Id, d.BudgetYear, d.Decision, d.Deadline, today, overdue, staleByOrganisation[o.Id].ToList());
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

    private sealed record Message(string Key, int OrganisationId, int BudgetYear, DecisionKind Decision, string Kind, OutgoingMail Mail);
}
