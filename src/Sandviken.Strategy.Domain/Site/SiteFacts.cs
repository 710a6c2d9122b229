using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Data;

namespace Sandviken.Strategy.Domain.Site;

/// <summary>What every page's frame shows: whose portal it is, and whether demonstration content is loaded ("Exempeldata").</summary>
public sealed record SiteFacts(string MunicipalityName, bool DemoContentLoaded)
{
    /// <summary>Before any seed is loaded.</summary>
    public static readonly SiteFacts Empty = new("Kommunen", false);
}

public sealed class SiteFactsReader(IDbContextFactory<StrategyDbContext> dbFactory)
{
    public async Task<SiteFacts> ReadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var facts = await db.Municipalities.AsNoTracking()
            .OrderBy(m => m.Id)
            .Select(m => new SiteFacts(m.Name, db.Organisations.Any(o => o.IsDemo)))
            .FirstOrDefaultAsync(ct);
        return facts ?? SiteFacts.Empty with { DemoContentLoaded = await db.Organisations.AnyAsync(o => o.IsDemo, ct) };
    }
}
