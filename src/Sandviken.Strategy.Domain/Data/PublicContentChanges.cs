using System.Data.Common;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Sandviken.Strategy.Domain.Auditing;
using Sandviken.Strategy.Domain.Users;

namespace Sandviken.Strategy.Domain.Data;

/// <summary>Told after a committed write that may change what the public pages show (the web host evicts its page cache).</summary>
public interface IPublicContentListener
{
    ValueTask PublicContentChangedAsync();
}

/// <summary>
/// The one place every write passes: each <see cref="StrategyDbContext"/> save. A save that touches anything but the
/// private tables (audit log, accounts and memberships) tells the listeners once it is committed: at once without a
/// transaction, at the commit with one, and never after a rollback. A new kind of write cannot forget it.
/// </summary>
public sealed class PublicContentChangeInterceptor(IEnumerable<IPublicContentListener> listeners)
    : SaveChangesInterceptor, IDbTransactionInterceptor
{
    // Rows no public page shows: sign-in attempts, account changes and leases must not empty the page cache.
    private static readonly HashSet<Type> PrivateTypes = [typeof(AuditEntry), typeof(PortalUser), typeof(OrganisationMembership), typeof(Lease)];

    private static readonly Assembly DomainAssembly = typeof(StrategyDbContext).Assembly;

    // Whether a context has saved public changes that its open transaction has not yet committed.
    private readonly ConditionalWeakTable<DbContext, object> pending = [];

    private readonly IPublicContentListener[] listeners = [.. listeners];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        NoteChanges(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        NoteChanges(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context?.Database.CurrentTransaction is null)
        {
            NotifyIfPendingAsync(eventData.Context).AsTask().GetAwaiter().GetResult();
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context?.Database.CurrentTransaction is null)
        {
            await NotifyIfPendingAsync(eventData.Context);
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context?.Database.CurrentTransaction is null && eventData.Context is not null)
        {
            pending.Remove(eventData.Context);
        }
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        NotifyIfPendingAsync(eventData.Context).AsTask().GetAwaiter().GetResult();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        NotifyIfPendingAsync(eventData.Context).AsTask();

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is not null)
        {
            pending.Remove(eventData.Context);
        }
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    /// <summary>Whether a change to an entity of this type can change a public page.</summary>
    public static bool IsPublic(Type entityType) => entityType.Assembly == DomainAssembly && !PrivateTypes.Contains(entityType);

    private void NoteChanges(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries().Any(e =>
                e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && IsPublic(e.Metadata.ClrType)))
        {
            pending.AddOrUpdate(context, true);
        }
    }

    // Not cancellable: the write is committed, and a cancelled request must not leave stale pages behind.
    private async ValueTask NotifyIfPendingAsync(DbContext? context)
    {
        if (context is null || !pending.Remove(context))
        {
            return;
        }

        foreach (var listener in listeners)
        {
            await listener.PublicContentChangedAsync();
        }
    }
}
