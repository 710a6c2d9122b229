using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Data;

namespace Sandviken.Strategy.Web;

/// <summary>
/// <c>dotnet Sandviken.Strategy.Web.dll backup &lt;file&gt;</c>: copies the configured SQLite database into a new file
/// while the portal keeps running (VACUUM INTO, ADR 0033), checks the copy and exits: 0 when the copy is sound.
/// </summary>
internal static class DatabaseBackupCommand
{
    public static async Task<int> BackupDatabaseAsync(this IServiceProvider services, string targetFile, TextWriter output)
    {
        if (services.GetRequiredService<DatabaseOptions>().Provider != DatabaseProvider.Sqlite)
        {
            await output.WriteLineAsync("The backup command copies the SQLite database; back up SQL Server with its own tools (BACKUP DATABASE) and PostgreSQL with pg_dump.");
            return 2;
        }

        await using var db = await services.GetRequiredService<IDbContextFactory<StrategyDbContext>>().CreateDbContextAsync();
        var connectionString = db.Database.GetConnectionString()!;
        try
        {
            var check = await SqliteDatabase.BackupAsync(connectionString, targetFile);
            var ok = check == "ok";
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{(ok ? "Backup written" : "Backup written but NOT sound")}: {Path.GetFullPath(targetFile)} ({new FileInfo(targetFile).Length} bytes, integrity_check: {check})"));
            return ok ? 0 : 1;
        }
        catch (Exception e) when (e is IOException or Microsoft.Data.Sqlite.SqliteException)
        {
            await output.WriteLineAsync($"Backup failed: {e.Message}");
            return 1;
        }
    }
}
