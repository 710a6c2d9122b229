using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Sandviken.Strategy.Domain.Data;

/// <summary>
/// Tells a database that is busy (someone else holds the write lock for longer than the busy timeout) from other
/// failures. A busy database is not a fault of the portal: the user is asked to try again (ADR 0033).
/// </summary>
public static class DatabaseBusy
{
    /// <summary>What a user is told when a change or a page could not wait for the database.</summary>
    public const string Message = "Databasen är upptagen just nu. Försök igen om en stund.";

    /// <summary>Seconds a client is asked to wait (Retry-After) before trying again.</summary>
    public const int RetryAfterSeconds = 5;

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqlServerDeadlockVictim = 1205;
    private const int SqlServerLockTimeout = 1222;

    // PostgreSQL: deadlock_detected, lock_not_available; a command timeout is an NpgsqlException around a TimeoutException.
    private static readonly string[] PostgresBusyStates = ["40P01", "55P03"];

    /// <summary>True when <paramref name="exception"/>, or one it wraps (EF's DbUpdateException and the like), says the database is locked.</summary>
    public static bool IsBusy(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException sqlite when (sqlite.SqliteErrorCode & 0xFF) is SqliteBusy or SqliteLocked:
                    return true;
                case SqlException sql when sql.Number is SqlServerDeadlockVictim or SqlServerLockTimeout:
                    return true;
                case Npgsql.PostgresException postgres when PostgresBusyStates.Contains(postgres.SqlState):
                    return true;
                case Npgsql.NpgsqlException { InnerException: TimeoutException }:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsBusy):
                    return true;
            }
        }

        return false;
    }
}
