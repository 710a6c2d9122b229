using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Auditing;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Tests.Infrastructure;
using Sandviken.Strategy.Domain.Users;

namespace Sandviken.Strategy.Domain.Tests.Data;

/// <summary>The interceptor that every save passes tells the page cache about committed public changes, and only those.</summary>
public sealed class PublicContentChangeTests : IAsyncLifetime
{
    private readonly CountingListener listener = new();
    private TestDatabase database = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateSeededAsync();
        database.Interceptors.Add(new PublicContentChangeInterceptor([listener]));
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task A_save_without_a_transaction_tells_the_listener_once_it_is_saved()
    {
        await using var db = database.CreateDbContext();
        (await db.Organisations.FirstAsync()).Name += " (ändrad)";

        await db.SaveChangesAsync();

        Assert.Equal(1, listener.Calls);
    }

    [Fact]
    public async Task Saves_inside_a_transaction_tell_the_listener_once_at_the_commit_and_not_before()
    {
        await using var db = database.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        (await db.Organisations.FirstAsync()).Name += " (ändrad)";
        await db.SaveChangesAsync();
        (await db.StrategicAreas.FirstAsync()).Lead += " Mer text.";
        await db.SaveChangesAsync();
        Assert.Equal(0, listener.Calls);

        await transaction.CommitAsync();

        Assert.Equal(1, listener.Calls);
    }

    [Fact]
    public async Task A_rolled_back_transaction_tells_nothing_and_leaves_nothing_pending_for_the_next_commit()
    {
        await using var db = database.CreateDbContext();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            (await db.Organisations.FirstAsync()).Name += " (ändrad)";
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        db.ChangeTracker.Clear();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.AuditEntries.Add(Entry());
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        Assert.Equal(0, listener.Calls);
    }

    [Fact]
    public async Task Audit_entries_and_accounts_are_private_and_tell_nothing()
    {
        await database.CreateAsync("ny@sandviken.example", Roles.Official);
        await using var db = database.CreateDbContext();
        db.AuditEntries.Add(Entry());
        (await db.Users.FirstAsync()).AccessFailedCount++;
        await db.SaveChangesAsync();

        Assert.Equal(0, listener.Calls);
        Assert.False(PublicContentChangeInterceptor.IsPublic(typeof(AuditEntry)));
        Assert.False(PublicContentChangeInterceptor.IsPublic(typeof(PortalUser)));
        Assert.True(PublicContentChangeInterceptor.IsPublic(typeof(Domain.Organisations.Organisation)));
    }

    [Fact]
    public async Task Reopening_a_plan_through_the_service_tells_the_listener_exactly_once()
    {
        var admin = await database.CreateAsync("admin@sandviken.example", Roles.Administrator);
        int plan;
        await using (var db = database.CreateDbContext())
        {
            plan = await db.Plans.Where(p => p.Status == Domain.Plans.PlanStatus.Final).Select(p => p.Id).FirstAsync();
        }

        await new Services(database).Decisions.ReopenAsync(admin, plan, "Ny lagstiftning kräver ändrade mål.");

        Assert.Equal(1, listener.Calls);
    }

    private static AuditEntry Entry() => new()
    {
        AtUtc = DateTime.UtcNow, User = "test", Action = "Test", Entity = "Test", EntityId = "1",
    };

    private sealed class CountingListener : IPublicContentListener
    {
        public int Calls { get; set; }

        public ValueTask PublicContentChangedAsync()
        {
            Calls++;
            return ValueTask.CompletedTask;
        }
    }
}
