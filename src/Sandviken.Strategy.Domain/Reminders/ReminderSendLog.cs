using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Data;

namespace Sandviken.Strategy.Domain.Reminders;

/// <summary>
/// The send log (<see cref="ReminderLogEntry"/>): a message is claimed under its unique key before it goes out, marked
/// when the server accepted it, and the row deleted once no run could plan the same message again (ADR 0041).
/// </summary>
internal sealed class ReminderSendLog(IDbContextFactory<StrategyDbContext> dbFactory, ReminderOptions options, TimeProvider time)
{
    /// <summary>
    /// How long a send-log row is kept. A row claimed on day T is for a deadline at most <paramref name="earliest"/> days
    /// after T, which is planned again until <see cref="ReminderSender.OverdueWindowDays"/> days after it: past that, nothing can repeat.
    /// </summary>
    public TimeSpan Retention(int earliest) =>
        TimeSpan.FromDays(Math.Max(options.KeepLogDays, earliest + ReminderSender.OverdueWindowDays + 1));

    /// <summary>Deletes the rows kept long enough (they hold e-mail addresses: docs/privacy.md).</summary>
    public async Task<int> PruneAsync(StrategyDbContext db, int earliest, CancellationToken ct)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - Retention(earliest);
        return await db.ReminderLog.Where(e => e.ClaimedAtUtc < cutoff).ExecuteDeleteAsync(ct);
    }

    /// <summary>Claims the message (a new row, or an unsent one older than RetryAfter); false when another run has it.</summary>
    public async Task<bool> ClaimAsync(ReminderLogEntry claim, CancellationToken ct)
    {
        var key = claim.Key;
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cutoff = now - options.RetryAfter;

        // An earlier claim that was never sent (the server failed, the instance stopped) is taken over with one atomic UPDATE.
        var retaken = await db.ReminderLog
            .Where(e => e.Key == key && e.SentAtUtc == null && e.ClaimedAtUtc <= cutoff)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedAtUtc, now).SetProperty(e => e.Attempts, e => e.Attempts + 1), ct);
        if (retaken == 1)
        {
            return true;
        }

        if (await db.ReminderLog.AnyAsync(e => e.Key == key, ct))
        {
            return false;
        }

        claim.ClaimedAtUtc = now;
        claim.Attempts = 1;
        db.ReminderLog.Add(claim);
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

    /// <summary>Records the outcome of a send: the time the server accepted it, or the error that keeps it unsent.</summary>
    public async Task MarkAsync(string key, DateTime? sentAtUtc, string? error, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var trimmed = error is { Length: > 500 } ? error[..500] : error;
        // The last error stays after a later success: the log shows that the message was late and why.
        await db.ReminderLog.Where(e => e.Key == key)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.SentAtUtc, sentAtUtc).SetProperty(e => e.LastError, e => trimmed ?? e.LastError), ct);
    }
}
