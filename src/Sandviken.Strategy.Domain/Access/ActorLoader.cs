using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Logging;

namespace Sandviken.Strategy.Domain.Access;

/// <summary>Turns the signed-in principal into an <see cref="Actor"/> from the database, and logs refusals.</summary>
public sealed class ActorLoader(ILogger<ActorLoader> logger)
{
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Callers use the injected instance; Refuse on the same service uses the logger.")]
    public async Task<Actor> LoadAsync(StrategyDbContext db, ClaimsPrincipal? principal, CancellationToken ct)
    {
        var userId = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return Actor.Anonymous;
        }

        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new
            {
                u.Id,
                u.UserName,
                u.IsActive,
                Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToList(),
                Organisations = u.Memberships.Select(m => m.OrganisationId).ToList(),
            })
            .SingleOrDefaultAsync(ct);
        return user is null
            ? Actor.Anonymous
            : new Actor(user.Id, user.UserName ?? user.Id, user.IsActive, user.Roles.ToHashSet(), user.Organisations.ToHashSet());
    }

    /// <summary>Logs the refusal and returns the exception for the caller to throw.</summary>
    public AccessDeniedException Refuse(Actor actor, string operation, string entity, object? entityId, string message)
    {
        // A security event (ADR 0031): its EventId and SecurityEvent property, with the refusal's own words.
        using (logger.BeginScope(new Dictionary<string, object> { [nameof(SecurityEvent)] = nameof(SecurityEvent.Refused) }))
        {
            logger.LogWarning(
                SecurityEvents.IdOf(SecurityEvent.Refused),
                "Refused {Operation} on {Entity} {EntityId} for {User} (active: {IsActive}, roles: {Roles}, organisations: {Organisations})",
                operation, entity, LogText.Safe(Convert.ToString(entityId, System.Globalization.CultureInfo.InvariantCulture)), LogText.Safe(actor.UserName),
                actor.IsActive, actor.Roles, actor.OrganisationIds);
        }

        return new AccessDeniedException(message);
    }
}
