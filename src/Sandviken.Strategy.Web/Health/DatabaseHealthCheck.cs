using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Sandviken.Strategy.Domain.Data;

namespace Sandviken.Strategy.Web;

/// <summary>
/// Healthy when the database answers, has every migration applied, holds the seeded municipality and (SQLite) would
/// take a write within a second: a database that someone keeps locked is reported before users meet it (ADR 0033).
/// </summary>
internal sealed class DatabaseHealthCheck(
    IDbContextFactory<StrategyDbContext> dbFactory, DatabaseOptions options, ILogger<DatabaseHealthCheck> logger) : IHealthCheck
{
    /// <summary>How long the write probe waits for the write lock.</summary>
    public static readonly TimeSpan WriteProbeWait = TimeSpan.FromSeconds(1);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("Databasen svarar inte.");
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                // The names are for the log, not for anyone who asks /health.
                logger.LogWarning("Database lacks migrations: {Migrations}", pending);
                return HealthCheckResult.Unhealthy("Databasen är inte uppdaterad.");
            }

            if (options.Provider == DatabaseProvider.Sqlite
                && !await SqliteDatabase.CanTakeWritesAsync(db.Database.GetConnectionString()!, WriteProbeWait, cancellationToken))
            {
                logger.LogWarning("The database took no write lock within {Wait}: another connection holds it", WriteProbeWait);
                return HealthCheckResult.Unhealthy("Databasen tar inte emot ändringar just nu.");
            }

            var municipalities = await db.Municipalities.CountAsync(cancellationToken);
            return municipalities == 0
                ? HealthCheckResult.Degraded("Databasen är tom: startdata har inte lästs in.")
                : HealthCheckResult.Healthy("Databasen svarar och är uppdaterad.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Databasen gick inte att nå.", e);
        }
    }
}
