using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Sandviken.Strategy.Domain.Auditing;
using Sandviken.Strategy.Domain.Users;

namespace Sandviken.Strategy.Domain.Logging;

/// <summary>
/// Turns the audit entries of account changes into security events once they are saved: a new account, a role
/// change, a deactivation or reactivation, a password set by an administrator and a user's own password change.
/// Every account change is audited (the audit test proves each action is written), so none can forget its event.
/// </summary>
public sealed class AccountEventInterceptor(ILogger<AccountEventInterceptor> logger) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<(SecurityEvent Kind, string User, string Detail)>> pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Write(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Write(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => pending.Remove(eventData.Context!);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        pending.Remove(eventData.Context!);
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var events = new List<(SecurityEvent, string, string)>();
        foreach (var entry in context.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity))
        {
            var account = AccountName(context, entry.EntityId);
            var by = $"by {entry.User}";
            switch (entry.Action)
            {
                case AuditActions.UserCreate:
                    events.Add((SecurityEvent.AccountCreated, account, $"{by}, roles {string.Join(", ", RolesIn(entry.After))}"));
                    break;
                case AuditActions.UserUpdate or AuditActions.UserDeactivate:
                    var before = RolesIn(entry.Before);
                    var after = RolesIn(entry.After);
                    if (!before.SequenceEqual(after, StringComparer.Ordinal))
                    {
                        events.Add((SecurityEvent.RoleChanged, account, $"{by}, roles {string.Join(", ", before)} -> {string.Join(", ", after)}"));
                    }

                    var wasActive = ActiveIn(entry.Before);
                    var isActive = ActiveIn(entry.After);
                    if (wasActive != isActive)
                    {
                        events.Add((isActive == true ? SecurityEvent.AccountActivated : SecurityEvent.AccountDeactivated, account, by));
                    }

                    break;
                case AuditActions.UserSetPassword:
                    events.Add((SecurityEvent.PasswordReset, account, by));
                    break;
                case AuditActions.UserChangeOwnPassword:
                    events.Add((SecurityEvent.PasswordChanged, account, "own password"));
                    break;
            }
        }

        pending.AddOrUpdate(context, events);
    }

    private void Write(DbContext? context)
    {
        if (context is null || !pending.TryGetValue(context, out var events))
        {
            return;
        }

        pending.Remove(context);
        foreach (var (kind, user, detail) in events)
        {
            SecurityEvents.Log(logger, kind, user, detail);
        }
    }

    private static string AccountName(DbContext context, string userId) =>
        context.ChangeTracker.Entries<PortalUser>().Select(e => e.Entity).FirstOrDefault(u => u.Id == userId) is { } user
            ? user.Email ?? user.UserName ?? userId
            : userId;

    private static List<string> RolesIn(string? json)
    {
        using var document = Parse(json);
        return document is not null && document.RootElement.TryGetProperty("Roles", out var roles) && roles.ValueKind == JsonValueKind.Array
            ? [.. roles.EnumerateArray().Select(r => r.GetString() ?? "").Order(StringComparer.Ordinal)]
            : [];
    }

    private static bool? ActiveIn(string? json)
    {
        using var document = Parse(json);
        return document is not null && document.RootElement.TryGetProperty("IsActive", out var active) && active.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? active.GetBoolean()
            : null;
    }

    private static JsonDocument? Parse(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonDocument.Parse(json);
}
