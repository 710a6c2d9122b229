using Microsoft.Extensions.Configuration;

namespace Sandviken.Strategy.Domain.Data;

public enum DatabaseProvider
{
    /// <summary>The embedded default: a file under the app's data folder, migrated at start.</summary>
    Sqlite,

    /// <summary>Production: the schema is applied by a DBA from the idempotent script.</summary>
    SqlServer,

    /// <summary>A server engine on Linux (several instances share it), migrated at start like SQLite (ADR 0037).</summary>
    PostgreSql,
}

/// <summary>The "Database" configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply migrations at start. Defaults to true for SQLite and PostgreSQL and false for SQL Server.</summary>
    public bool? MigrateOnStartup { get; set; }

    public bool ShouldMigrateOnStartup => MigrateOnStartup ?? Provider != DatabaseProvider.SqlServer;

    /// <summary>The default <see cref="BusyTimeoutSeconds"/>.</summary>
    public const int DefaultBusyTimeoutSeconds = 5;

    /// <summary>
    /// How long a command waits for a lock that someone else holds (SQLite's busy timeout, SQL Server's and
    /// PostgreSQL's command timeout) before it gives up with an error that the portal shows as "try again" (ADR 0033).
    /// </summary>
    public int BusyTimeoutSeconds { get; set; } = DefaultBusyTimeoutSeconds;

    public static DatabaseOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        var options = new DatabaseOptions();
        if (section["Provider"] is { Length: > 0 } provider)
        {
            options.Provider = Enum.TryParse<DatabaseProvider>(provider, ignoreCase: true, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"Database:Provider must be Sqlite, SqlServer or PostgreSql, not '{provider}'.");
        }

        if (bool.TryParse(section["MigrateOnStartup"], out var migrate))
        {
            options.MigrateOnStartup = migrate;
        }

        if (section["BusyTimeoutSeconds"] is { Length: > 0 } timeout)
        {
            options.BusyTimeoutSeconds = int.TryParse(timeout, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                && seconds is >= 1 and <= 300
                    ? seconds
                    : throw new InvalidOperationException($"Database:BusyTimeoutSeconds must be a whole number of seconds from 1 to 300, not '{timeout}'.");
        }

        return options;
    }
}
