using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Access;
using Sandviken.Strategy.Domain.Data;

namespace Sandviken.Strategy.Domain.Auditing;

/// <summary>Adds an audit entry to the same unit of work as the change, so both are saved or neither.</summary>
internal static class Audit
{
    /// <summary>
    /// Saves a change and then its audit entry, in one transaction: for an entry that names keys the database gives
    /// only when the change is saved (a new goal's id, a new area's id). Nothing is saved unless both are. The
    /// public-content interceptor sees the commit, as with any transaction.
    /// </summary>
    /// <param name="entityId">Read after the change is saved.</param>
    /// <param name="after">Read after the change is saved.</param>
    /// <param name="saveChange">Saves the change; plain SaveChangesAsync unless the caller turns failures into messages.</param>
    public static async Task SaveAuditedAsync(
        this StrategyDbContext db,
        Actor actor,
        DateTime atUtc,
        string action,
        string entity,
        Func<object> entityId,
        object? before,
        Func<object?> after,
        CancellationToken ct,
        Func<StrategyDbContext, CancellationToken, Task>? saveChange = null)
    {
        // Inside a caller's transaction (a check that must be atomic with the change), that transaction is used.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        if (saveChange is null)
        {
            await db.SaveChangesAsync(ct);
        }
        else
        {
            await saveChange(db, ct);
        }

        Record(db, actor, atUtc, action, entity, entityId(), before, after());
        await db.SaveChangesAsync(ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static void Record(StrategyDbContext db, Actor actor, DateTime atUtc, string action, string entity, object entityId, object? before, object? after) =>
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = atUtc,
            User = actor.UserName,
            Action = action,
            Entity = entity,
            EntityId = Convert.ToString(entityId, System.Globalization.CultureInfo.InvariantCulture)!,
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
        });
}
