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

        if (databaseOptions.Provider == DatabaseProvider.Sqlite)
        {
            // Readers are not held up by a writer, and writers wait only for each other (ADR 0033).
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await db.Database.OpenConnectionAsync(ct);
            var mode = await SqliteDatabase.UseWriteAheadLogAsync((Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection(), ct);
            if (!mode.Equals("wal", StringComparison.OrdinalIgnoreCase))
            {
                logger.LogWarning("The SQLite database is in journal mode {JournalMode}, not WAL: readers may wait for writers", mode);
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
