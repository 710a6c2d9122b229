using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sandviken.Strategy.Domain.Data;

/// <summary>
/// A named right to do something alone until a time, shared by every instance through the database: the scheduled Kolada
/// import takes one per interval, so that two instances behind a load balancer import once, not twice (ADR 0038).
/// </summary>
public sealed class Lease
{
    public required string Name { get; set; }

    /// <summary>Who holds it (a host name and process), for the log and for an operator reading the table.</summary>
    public required string Holder { get; set; }

    public DateTime ExpiresAtUtc { get; set; }
}

internal sealed class LeaseConfiguration : IEntityTypeConfiguration<Lease>
{
    public void Configure(EntityTypeBuilder<Lease> builder)
    {
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(100);
        builder.Property(l => l.Holder).HasMaxLength(200).IsRequired();
    }
}

/// <summary>Takes leases with one atomic statement each, on SQLite, SQL Server and PostgreSQL alike.</summary>
public sealed class DatabaseLeases(IDbContextFactory<StrategyDbContext> dbFactory)
{
    /// <summary>
    /// Takes <paramref name="name"/> until <paramref name="untilUtc"/> if nobody holds it at <paramref name="nowUtc"/>. Two
    /// callers at once cannot both win: the UPDATE's condition is checked again on the locked row (a second one finds the
    /// new expiry and changes nothing), and of two INSERTs of a lease never taken before the primary key refuses one.
    /// </summary>
    public async Task<bool> TryAcquireAsync(string name, string holder, DateTime nowUtc, DateTime untilUtc, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var taken = await db.Leases
            .Where(l => l.Name == name && l.ExpiresAtUtc <= nowUtc)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAtUtc, untilUtc), ct);
        if (taken == 1)
        {
            return true;
        }

        if (await db.Leases.AnyAsync(l => l.Name == name, ct))
        {
            return false;
        }

        db.Leases.Add(new Lease { Name = name, Holder = holder, ExpiresAtUtc = untilUtc });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance inserted it first.
            return false;
        }
    }
}
