using Microsoft.Extensions.Configuration;

namespace Sandviken.Strategy.Domain.Data;

public enum DatabaseProvider
{
    /// <summary>The embedded default: a file under the app's data folder, migrated at start.</summary>
    Sqlite,

    /// <summary>Production: the schema is applied by a DBA from the idempotent script.</summary>
    SqlServer,
}

/// <summary>The "Database" configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply migrations at start. Defaults to true for SQLite and false for SQL Server.</summary>
    public bool? MigrateOnStartup { get; set; }

    public bool ShouldMigrateOnStartup => MigrateOnStartup ?? Provider == DatabaseProvider.Sqlite;

    public static DatabaseOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        var options = new DatabaseOptions();
        if (section["Provider"] is { Length: > 0 } provider)
        {
            options.Provider = Enum.TryParse<DatabaseProvider>(provider, ignoreCase: true, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"Database:Provider must be Sqlite or SqlServer, not '{provider}'.");
        }

        if (bool.TryParse(section["MigrateOnStartup"], out var migrate))
        {
            options.MigrateOnStartup = migrate;
        }

        return options;
    }
}
