using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Seeding;

namespace Sandviken.Strategy.Domain.Tests.Infrastructure;

/// <summary>
/// A real SQLite database in memory, migrated with the project's SQLite migrations. The connection is
/// held open for the test's lifetime (an in-memory SQLite database lives as long as its connection).
/// With SANDVIKEN_TEST_PROVIDER=PostgreSql, a real PostgreSQL database instead, copied from a template that was
/// migrated (and seeded) once per run with the PostgreSQL migrations, and dropped on dispose (ADR 0037).
/// </summary>
public sealed class TestDatabase : IDbContextFactory<StrategyDbContext>, IAsyncDisposable
{
    private readonly SqliteConnection? connection;

    // For a database in a file: each context opens its own connection, so that tasks can write at the same time.
    private readonly string? file;

    private TestDatabase(SqliteConnection connection) => this.connection = connection;

    // For PostgreSQL: each context opens its own (pooled) connection.
    private readonly string? postgres;

    private TestDatabase(string file) => this.file = file;

    private TestDatabase(string? file, string postgres) => (this.file, this.postgres) = (file, postgres);

    /// <summary>Interceptors for the contexts made from now on, for tests that need something to happen mid-save.</summary>
    public List<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor> Interceptors { get; } = [];

    /// <summary>Today in the tests unless a test moves the clock: 26 November 2026, 10:00 in Stockholm.</summary>
    /// <remarks>A fake clock cannot go back: a test that needs an earlier day sets a new one.</remarks>
    public FakeTimeProvider Clock { get; set; } = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    /// <summary>This database's own cache of parsed plan versions, for the public readers made on it.</summary>
    public PlanSnapshotCache Snapshots { get; } = new();

    public static async Task<TestDatabase> CreateMigratedAsync()
    {
        if (TestProvider.IsPostgreSql)
        {
            return await ClonePostgresAsync("migrated", seed: false, includeDemo: false);
        }

        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        var database = new TestDatabase(connection);
        await using var db = database.CreateDbContext();
        await db.Database.MigrateAsync();
        return database;
    }

    /// <summary>Migrated and loaded with the repository's own seed files (with or without the demo content).</summary>
    public static async Task<TestDatabase> CreateSeededAsync(bool includeDemo = true)
    {
        if (TestProvider.IsPostgreSql)
        {
            return await ClonePostgresAsync(includeDemo ? "seeded" : "seeded_nodemo", seed: true, includeDemo);
        }

        var database = await CreateMigratedAsync();
        await database.SeedAsync(includeDemo);
        return database;
    }

    /// <summary>
    /// A real SQLite database in a temporary file (WAL, as the portal runs it), migrated and seeded, for tests of
    /// simultaneous writers: every context gets its own connection. The file is deleted on dispose.
    /// </summary>
    public static async Task<TestDatabase> CreateSeededFileAsync()
    {
        if (TestProvider.IsPostgreSql)
        {
            return await CreateSeededAsync();
        }

        var database = new TestDatabase(Path.Combine(Path.GetTempPath(), $"sandviken-test-{Guid.NewGuid():N}.db"));
        await using (var db = database.CreateDbContext())
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        await database.SeedAsync();
        return database;
    }

    public Task<SeedResult> SeedAsync(bool includeDemo = true) =>
        new SeedLoader(this, Clock).LoadAsync(SeedFiles.Municipality(), includeDemo ? SeedFiles.Demo() : null);

    private static async Task<TestDatabase> ClonePostgresAsync(string key, bool seed, bool includeDemo)
    {
        var template = await PostgresTestDatabases.TemplateAsync(key, async connectionString =>
        {
            var builder = new TestDatabase(null, connectionString);
            await using (var db = builder.CreateDbContext())
            {
                await db.Database.MigrateAsync();
            }

            if (seed)
            {
                await builder.SeedAsync(includeDemo);
            }
        });
        return new TestDatabase(null, await PostgresTestDatabases.CloneAsync(template));
    }

    public StrategyDbContext CreateDbContext() => new((postgres is not null
            ? new DbContextOptionsBuilder<StrategyDbContext>().UseNpgsql(postgres, x => x.MigrationsAssembly(DatabaseRegistration.PostgreSqlMigrationsAssembly)).AddInterceptors(UnstorableTextGuard.Instance)
            : connection is null
            ? new DbContextOptionsBuilder<StrategyDbContext>().UseSqlite($"Data Source={file}", x => x.MigrationsAssembly(DatabaseRegistration.SqliteMigrationsAssembly))
            : new DbContextOptionsBuilder<StrategyDbContext>().UseSqlite(connection, x => x.MigrationsAssembly(DatabaseRegistration.SqliteMigrationsAssembly)))
        .AddInterceptors(Interceptors)
        .Options);

    public async ValueTask DisposeAsync()
    {
        if (postgres is not null)
        {
            await PostgresTestDatabases.DropAsync(postgres);
            return;
        }

        if (connection is not null)
        {
            await connection.DisposeAsync();
            return;
        }

        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { file!, file + "-wal", file + "-shm" }.Where(File.Exists))
        {
            File.Delete(path);
        }
    }
}
