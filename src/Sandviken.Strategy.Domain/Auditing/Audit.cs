using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sandviken.Strategy.Domain.Access;
using Sandviken.Strategy.Domain.Data;

namespace Sandviken.Strategy.Domain.Auditing;

/// <summary>Adds an audit entry to the same unit of work as the change, so both are saved or neither.</summary>
internal static class Audit
{
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
