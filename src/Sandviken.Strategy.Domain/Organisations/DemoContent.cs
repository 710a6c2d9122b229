using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Data;

namespace Sandviken.Strategy.Domain.Organisations;

/// <summary>Tells whether demonstration content is loaded, so that every page can say "Exempeldata".</summary>
public sealed class DemoContent(IDbContextFactory<StrategyDbContext> dbFactory)
{
    public async Task<bool> IsLoadedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Organisations.AnyAsync(o => o.IsDemo, ct);
    }
}
