using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Access;
using Sandviken.Strategy.Domain.Data;

namespace Sandviken.Strategy.Domain.Reminders;

/// <summary>A signed-in user's own choice whether reminders by e-mail reach them (ADR 0041).</summary>
public sealed class ReminderPreferences(IDbContextFactory<StrategyDbContext> dbFactory, ActorLoader actors)
{
    public async Task<bool> ReceivesRemindersAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actor = await SignedInAsync(db, principal, "read-reminder-preference", ct);
        return !await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.RemindersOff).SingleAsync(ct);
    }

    /// <summary>Only the user's own account changes, whatever the form sends: the id comes from the database's actor.</summary>
    public async Task SetReceivesRemindersAsync(ClaimsPrincipal principal, bool receive, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actor = await SignedInAsync(db, principal, "set-reminder-preference", ct);
        await db.Users.Where(u => u.Id == actor.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.RemindersOff, !receive), ct);
    }

    private async Task<Actor> SignedInAsync(StrategyDbContext db, ClaimsPrincipal principal, string operation, CancellationToken ct)
    {
        var actor = await actors.LoadAsync(db, principal, ct);
        return actor.IsSignedIn ? actor : throw actors.Refuse(actor, operation, "PortalUser", null, "Logga in för att ändra dina påminnelser.");
    }
}
