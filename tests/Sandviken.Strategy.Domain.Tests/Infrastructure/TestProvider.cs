using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Seeding;

namespace Sandviken.Strategy.Domain.Tests.Infrastructure;

/// <summary>
/// The engine the integration tests run on (ADR 0037): <c>SANDVIKEN_TEST_PROVIDER</c> = <c>Sqlite</c> (default) or
/// <c>PostgreSql</c>, the latter on the server that <c>SANDVIKEN_POSTGRES</c> names (an admin connection string;
/// scripts/test.sh starts one). Tests that are about SQLite itself carry <see cref="SqliteOnly"/>.
/// </summary>
public static class TestProvider
{
    /// <summary>The trait that the PostgreSQL run filters out: <c>--filter "Provider!=SqliteOnly"</c>.</summary>
    public const string Trait = "Provider";

    public const string SqliteOnly = "SqliteOnly";

    public static DatabaseProvider Current { get; } = Environment.GetEnvironmentVariable("SANDVIKEN_TEST_PROVIDER") switch
    {
        null or "" or "Sqlite" => DatabaseProvider.Sqlite,
        "PostgreSql" => DatabaseProvider.PostgreSql,
        var other => throw new InvalidOperationException($"SANDVIKEN_TEST_PROVIDER must be Sqlite or PostgreSql, not '{other}'."),
    };

    public static bool IsPostgreSql => Current == DatabaseProvider.PostgreSql;
}

/// <summary>
/// PostgreSQL databases for tests, made fast: each kind of starting point (migrated, seeded, ...) is built once per
/// test run into a template database, and every test gets <c>CREATE DATABASE … TEMPLATE …</c> (a file copy) instead of
/// migrating and seeding its own. Every database name carries this process's id, so runs on one server never meet.
/// </summary>
public static class PostgresTestDatabases
{
    private static readonly string RunId = $"{Environment.ProcessId}_{Guid.NewGuid():N}"[..16];
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Templates = new();

    public static string AdminConnectionString { get; } = Environment.GetEnvironmentVariable("SANDVIKEN_POSTGRES") is { Length: > 0 } admin
        ? admin
        : "Host=127.0.0.1;Username=postgres";

    /// <summary>The connection string of <paramref name="database"/> on the test server.</summary>
    public static string ConnectionString(string database, bool pooling = true) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, Pooling = pooling }.ToString();

    /// <summary>
    /// The template named <paramref name="key"/>, built once (by <paramref name="build"/>, given a connection string of
    /// a database that does not exist yet, without pooling so that no connection stays open to the template).
    /// </summary>
    public static Task<string> TemplateAsync(string key, Func<string, Task> build) =>
        Templates.GetOrAdd(key, k => new Lazy<Task<string>>(async () =>
        {
            var name = $"sandviken_t_{RunId}_{k}";
            await build(ConnectionString(name, pooling: false));
            return name;
        })).Value;

    /// <summary>A new database copied from <paramref name="template"/>; returns its (pooled) connection string.</summary>
    public static async Task<string> CloneAsync(string template, string? name = null)
    {
        name ??= $"sandviken_{RunId}_{Guid.NewGuid():N}"; // 59 characters: PostgreSQL keeps 63
        await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return ConnectionString(name);
    }

    /// <summary>True when <paramref name="name"/> exists on the test server.</summary>
    public static async Task<bool> ExistsAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        command.Parameters.AddWithValue(name);
        return await command.ExecuteScalarAsync() is not null;
    }

    /// <summary>Drops the database of <paramref name="connectionString"/>, closing whatever is still connected to it.</summary>
    public static async Task DropAsync(string connectionString)
    {
        using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// A portal's PostgreSQL database per data folder, copied from a template holding what the portal's own start would
/// write (migrations and the repository's seed files, with or without the demo data, at the tests' fixed clock).
/// </summary>
public static class PostgresPortalDatabases
{
    private static readonly DateTimeOffset SeedClock = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    public static async Task<string> ForFolderAsync(string dataFolder, bool includeDemo)
    {
        var template = await PostgresTestDatabases.TemplateAsync(includeDemo ? "portal" : "portal_nodemo", async connectionString =>
        {
            var factory = new Factory(connectionString);
            await using (var db = factory.CreateDbContext())
            {
                await db.Database.MigrateAsync();
            }

            await new SeedLoader(factory, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(SeedClock))
                .LoadAsync(SeedFiles.Municipality(), includeDemo ? SeedFiles.Demo() : null);
        });

        // One database per folder, named after it: a second portal on the folder finds the first one's database.
        var name = "sandviken_w_" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(dataFolder)))[..32].ToLowerInvariant();
        return await PostgresTestDatabases.ExistsAsync(name)
            ? PostgresTestDatabases.ConnectionString(name)
            : await PostgresTestDatabases.CloneAsync(template, name);
    }

    private sealed class Factory(string connectionString) : IDbContextFactory<StrategyDbContext>
    {
        public StrategyDbContext CreateDbContext() => new(new DbContextOptionsBuilder<StrategyDbContext>()
            .UseNpgsql(connectionString, x => x.MigrationsAssembly(DatabaseRegistration.PostgreSqlMigrationsAssembly))
            .Options);
    }
}
