using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Tests.Infrastructure;

namespace Sandviken.Strategy.Domain.Tests.Data;

/// <summary>The database lease that lets one instance of several run the scheduled import per interval (ADR 0038).</summary>
public sealed class LeaseTests
{
    private static readonly DateTime Now = new(2026, 12, 3, 18, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Of_twenty_simultaneous_takers_exactly_one_wins_the_first_time_and_again_after_it_expires()
    {
        await using var database = await TestDatabase.CreateSeededFileAsync();
        var leases = new DatabaseLeases(database);

        // Never taken: twenty INSERTs race; the primary key lets one through.
        var first = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => leases.TryAcquireAsync("import", $"holder-{i}", Now, Now.AddMinutes(1)))));
        Assert.Single(first, won => won);

        // Expired: twenty UPDATEs race; the condition on the expiry lets one through.
        var later = Now.AddMinutes(2);
        var second = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => leases.TryAcquireAsync("import", $"holder-{i}", later, later.AddMinutes(1)))));
        Assert.Single(second, won => won);

        await using var db = database.CreateDbContext();
        var lease = await db.Leases.SingleAsync();
        Assert.Equal(later.AddMinutes(1), lease.ExpiresAtUtc);
    }

    [Fact]
    public async Task A_held_lease_is_refused_to_others_until_it_expires()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var leases = new DatabaseLeases(database);

        Assert.True(await leases.TryAcquireAsync("import", "a", Now, Now.AddMinutes(1)));
        Assert.False(await leases.TryAcquireAsync("import", "b", Now.AddSeconds(59), Now.AddMinutes(2)));
        Assert.True(await leases.TryAcquireAsync("other", "b", Now, Now.AddMinutes(1)));
        Assert.True(await leases.TryAcquireAsync("import", "b", Now.AddMinutes(1), Now.AddMinutes(2)));

        await using var db = database.CreateDbContext();
        Assert.Equal("b", (await db.Leases.SingleAsync(l => l.Name == "import")).Holder);
    }

    [Fact]
    public void Taking_a_lease_changes_no_public_page()
    {
        Assert.False(PublicContentChangeInterceptor.IsPublic(typeof(Lease)));
    }
}
