using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Access;
using Sandviken.Strategy.Domain.Auditing;
using Sandviken.Strategy.Domain.Data;

namespace Sandviken.Strategy.Domain.Administration;

/// <summary>What every administration service shares: only an active administrator gets past <see cref="BeginAsync"/>.</summary>
public abstract class AdministrationService(IDbContextFactory<StrategyDbContext> dbFactory, ActorLoader actors, TimeProvider time)
{
    protected TimeProvider Time => time;

    protected async Task<(StrategyDbContext Db, Actor Actor)> BeginAsync(ClaimsPrincipal user, string operation, string entity, object? entityId, CancellationToken ct)
    {
        var db = await dbFactory.CreateDbContextAsync(ct);
        var actor = await actors.LoadAsync(db, user, ct);
        if (!actor.IsAdministrator)
        {
            await db.DisposeAsync();
            throw actors.Refuse(actor, operation, entity, entityId, "Bara en administratör kan göra det här.");
        }

        return (db, actor);
    }

    protected void Audit(StrategyDbContext db, Actor actor, string action, string entity, object entityId, object? before, object? after) =>
        Auditing.Audit.Record(db, actor, time.GetUtcNow().UtcDateTime, action, entity, entityId, before, after);

    /// <summary>Saves something new and its audit entry, which needs the new row's id, in one transaction.</summary>
    protected Task SaveAuditedAsync(StrategyDbContext db, Actor actor, string action, string entity, Func<object> entityId, object? before, object? after, CancellationToken ct) =>
        db.SaveAuditedAsync(actor, time.GetUtcNow().UtcDateTime, action, entity, entityId, before, () => after, ct);
}
