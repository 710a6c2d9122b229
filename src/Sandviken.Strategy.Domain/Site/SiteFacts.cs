using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Data;

namespace Sandviken.Strategy.Domain.Site;

/// <summary>What every page's frame shows: whose portal it is, and whether demonstration content is loaded ("Exempeldata").</summary>
public sealed record SiteFacts(string MunicipalityName, bool DemoContentLoaded)
{
    /// <summary>Before any seed is loaded.</summary>
    public static readonly SiteFacts Empty = new("Kommunen", false);
}

/// <summary>
/// The frame's facts, read once when the host starts (after the seed is loaded) and then kept: only the seed writes the
/// municipality and demonstration organisations, and it runs at start. So the layout adds no SQL command to a page
/// (ADR 0027). A host that loads seed data again calls <see cref="LoadAsync"/> again.
/// </summary>
public sealed class SiteFactsReader(IDbContextFactory<StrategyDbContext> dbFactory)
{
    private volatile SiteFacts? known;

    public async Task<SiteFacts> ReadAsync(CancellationToken ct = default) => known ?? await LoadAsync(ct);

    /// <summary>Reads the facts from the database and keeps them.</summary>
    public async Task<SiteFacts> LoadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var facts = await db.Municipalities.AsNoTracking()
            .OrderBy(m => m.Id)
            .Select(m => new SiteFacts(m.Name, db.Organisations.Any(o => o.IsDemo)))
            .FirstOrDefaultAsync(ct)
            ?? SiteFacts.Empty with { DemoContentLoaded = await db.Organisations.AnyAsync(o => o.IsDemo, ct) };
        known = facts;
        return facts;
    }
}
