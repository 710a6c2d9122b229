using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Sandviken.Strategy.Domain.Data;

/// <summary>
/// What the portal does to its SQLite file beyond EF Core: write-ahead logging, the write probe behind /health and
/// the online backup (ADR 0033).
/// </summary>
public static class SqliteDatabase
{
    /// <summary>
    /// Switches the file to write-ahead logging (it stays so: the mode is stored in the file). Readers then read the
    /// last committed state while a writer works, and a writer waits only for another writer. Returns the mode the
    /// database reports ("memory" for an in-memory database, which cannot use a log).
    /// </summary>
    public static async Task<string> UseWriteAheadLogAsync(SqliteConnection connection, CancellationToken ct = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        return Convert.ToString(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) ?? "";
    }

    /// <summary>
    /// True when the database would take a write now, within <paramref name="wait"/>: takes the write lock
    /// (BEGIN IMMEDIATE) and gives it back at once (ROLLBACK), changing nothing.
    /// </summary>
    public static async Task<bool> CanTakeWritesAsync(string connectionString, TimeSpan wait, CancellationToken ct = default)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandTimeout = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        command.CommandText = "BEGIN IMMEDIATE;";
        try
        {
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (SqliteException e) when (DatabaseBusy.IsBusy(e) || e.SqliteErrorCode is 8 /* SQLITE_READONLY */ or 13 /* SQLITE_FULL */ or 10 /* SQLITE_IOERR */)
        {
            return false;
        }

        command.CommandText = "ROLLBACK;";
        await command.ExecuteNonQueryAsync(ct);
        return true;
    }

    /// <summary>
    /// Copies the database, as it is at one moment, into <paramref name="targetFile"/> (which must not exist) with
    /// SQLite's <c>VACUUM INTO</c>: a read transaction, so the portal keeps reading and writing meanwhile. Returns the
    /// copy's <c>PRAGMA integrity_check</c>, "ok" when the copy is sound.
    /// </summary>
    public static async Task<string> BackupAsync(string connectionString, string targetFile, CancellationToken ct = default)
    {
        var target = Path.GetFullPath(targetFile);
        if (File.Exists(target))
        {
            throw new IOException($"The backup file {target} exists already; choose a new name.");
        }

        if (Path.GetDirectoryName(target) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        await using (var source = new SqliteConnection(connectionString))
        {
            await source.OpenAsync(ct);
            await using var command = source.CreateCommand();
            command.CommandText = "VACUUM INTO $target;";
            command.Parameters.AddWithValue("$target", target);
            await command.ExecuteNonQueryAsync(ct);
        }

        return await IntegrityCheckAsync(target, ct);
    }

    /// <summary>
    /// The file's <c>PRAGMA integrity_check</c>: "ok", or the problems found, one a line. Opened for writing, so that
    /// a write-ahead log left by a crashed process is recovered first, as the portal would at start.
    /// </summary>
    public static async Task<string> IntegrityCheckAsync(string file, CancellationToken ct = default)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadWrite, Pooling = false };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }
}
