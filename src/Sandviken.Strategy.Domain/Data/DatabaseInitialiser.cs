using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Sandviken.Strategy.Domain.Seeding;

namespace Sandviken.Strategy.Domain.Data;

/// <summary>Runs once at start: applies migrations where configured (SQLite by default), then loads the seed files.</summary>
public sealed class DatabaseInitialiser(
    IDbContextFactory<StrategyDbContext> dbFactory,
    DatabaseOptions databaseOptions,
    SeedOptions seedOptions,
    SeedLoader seedLoader,
    ILogger<DatabaseInitialiser> logger)
{
    public async Task InitialiseAsync(string contentRootPath, CancellationToken ct = default)
    {
        if (databaseOptions.ShouldMigrateOnStartup)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} database migrations: {Migrations}", pending.Count, pending);
                await db.Database.MigrateAsync(ct);
            }
        }

        var municipality = SeedLoader.ReadMunicipalityFile(Resolve(contentRootPath, seedOptions.MunicipalityFile));
        var demo = seedOptions.IncludeDemoData ? SeedLoader.ReadDemoFile(Resolve(contentRootPath, seedOptions.DemoFile)) : null;
        var result = await seedLoader.LoadAsync(municipality, demo, ct);
        if (result.AddedAnything)
        {
            logger.LogInformation("Seed data loaded: {@SeedResult}", result);
        }
    }

    private static string Resolve(string contentRootPath, string path) =>
        Path.IsPathRooted(path) ? path : Path.Combine(contentRootPath, path);
}
