using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Sandviken.Strategy.Domain.Data;

/// <summary>The one place that chooses the database provider (configuration key Database:Provider).</summary>
public static class DatabaseRegistration
{
    public const string SqliteMigrationsAssembly = "Sandviken.Strategy.Migrations.Sqlite";
    public const string SqlServerMigrationsAssembly = "Sandviken.Strategy.Migrations.SqlServer";
    public const string PostgreSqlMigrationsAssembly = "Sandviken.Strategy.Migrations.PostgreSql";

    /// <summary>Used when no SQLite connection string is configured: a file in the app's data folder.</summary>
    public const string DefaultSqliteFile = "App_Data/sandviken-strategy.db";

    /// <remarks>
    /// Configuration is read when the first context is made, not at registration, so that hosts (and
    /// test hosts) that add configuration late are honoured.
    /// </remarks>
    public static IServiceCollection AddStrategyDatabase(this IServiceCollection services, string contentRootPath)
    {
        services.AddSingleton(sp => DatabaseOptions.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<PublicContentChangeInterceptor>();
        services.AddDbContextFactory<StrategyDbContext>((sp, builder) =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            Configure(builder, sp.GetRequiredService<DatabaseOptions>(), configuration, contentRootPath);
            builder.AddInterceptors(sp.GetRequiredService<PublicContentChangeInterceptor>());
        });
        return services;
    }

    public static void Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, IConfiguration configuration, string contentRootPath) =>
        Configure(builder, new DatabaseOptions { Provider = provider }, configuration, contentRootPath);

    public static void Configure(DbContextOptionsBuilder builder, DatabaseOptions options, IConfiguration configuration, string contentRootPath)
    {
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = SqliteConnectionString(configuration.GetConnectionString("Sqlite"), contentRootPath, options.BusyTimeoutSeconds);
                // Microsoft.Data.Sqlite retries a busy database until the command timeout: EF's own timeout follows the
                // connection's, so that BEGIN IMMEDIATE (the connection's) and each statement (EF's) wait alike (ADR 0033).
                builder.UseSqlite(sqlite, x => x
                    .MigrationsAssembly(SqliteMigrationsAssembly)
                    .CommandTimeout(new SqliteConnectionStringBuilder(sqlite).DefaultTimeout)
                    .UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery));
                break;
            case DatabaseProvider.SqlServer:
                var sqlServer = configuration.GetConnectionString("SqlServer");

                // Without a connection string the model still builds: enough for scripts and model checks.
                if (string.IsNullOrWhiteSpace(sqlServer))
                {
                    builder.UseSqlServer(x => x.MigrationsAssembly(SqlServerMigrationsAssembly).UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery));
                }
                else
                {
                    builder.UseSqlServer(sqlServer, x => x.MigrationsAssembly(SqlServerMigrationsAssembly).UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery));
                }

                break;
            case DatabaseProvider.PostgreSql:
                var postgreSql = configuration.GetConnectionString("PostgreSql");

                // As for SQL Server: the model builds without a server (migrations, model checks).
                if (string.IsNullOrWhiteSpace(postgreSql))
                {
                    builder.UseNpgsql(x => ConfigureNpgsql(x, options));
                }
                else
                {
                    builder.UseNpgsql(postgreSql, x => ConfigureNpgsql(x, options));
                }

                builder.AddInterceptors(UnstorableTextGuard.Instance);
                break;
            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{options.Provider}'.");
        }
    }

    private static void ConfigureNpgsql(Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.NpgsqlDbContextOptionsBuilder x, DatabaseOptions options) =>
        x.MigrationsAssembly(PostgreSqlMigrationsAssembly)
            .CommandTimeout(options.BusyTimeoutSeconds)
            .UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery);

    /// <summary>
    /// Resolves a relative SQLite file against the content root and makes sure its folder exists. The busy timeout
    /// (<c>Default Timeout</c>, seconds) is <paramref name="busyTimeoutSeconds"/> unless the connection string sets its own.
    /// </summary>
    public static string SqliteConnectionString(string? configured, string contentRootPath, int busyTimeoutSeconds = DatabaseOptions.DefaultBusyTimeoutSeconds)
    {
        var builder = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(configured) ? $"Data Source={DefaultSqliteFile}" : configured);
        if (!HasOwnTimeout(configured))
        {
            builder.DefaultTimeout = busyTimeoutSeconds;
        }

        if (builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRootPath, builder.DataSource));
        }

        if (builder.Mode != SqliteOpenMode.Memory && Path.GetDirectoryName(builder.DataSource) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        return builder.ToString();
    }

    private static bool HasOwnTimeout(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return false;
        }

        // The plain builder keeps only the keys that are written (the SQLite one lists every key it knows).
        var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = configured };
        return written.ContainsKey("Default Timeout") || written.ContainsKey("DefaultTimeout") || written.ContainsKey("Command Timeout");
    }
}
