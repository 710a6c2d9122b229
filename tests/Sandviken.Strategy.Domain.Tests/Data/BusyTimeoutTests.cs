using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Tests.Infrastructure;

namespace Sandviken.Strategy.Domain.Tests.Data;

/// <summary>Database:BusyTimeoutSeconds and the SQLite connection string (ADR 0033).</summary>
[Trait(TestProvider.Trait, TestProvider.SqliteOnly)]
public sealed class BusyTimeoutTests
{
    [Fact]
    public void The_busy_timeout_is_five_seconds_unless_configured_and_a_connection_strings_own_timeout_wins()
    {
        Assert.Equal(5, DatabaseOptions.From(Configuration()).BusyTimeoutSeconds);
        Assert.Equal(12, DatabaseOptions.From(Configuration(("Database:BusyTimeoutSeconds", "12"))).BusyTimeoutSeconds);

        var root = Path.GetTempPath();
        Assert.Equal(5, new SqliteConnectionStringBuilder(DatabaseRegistration.SqliteConnectionString("Data Source=x.db", root)).DefaultTimeout);
        Assert.Equal(2, new SqliteConnectionStringBuilder(DatabaseRegistration.SqliteConnectionString("Data Source=x.db", root, 2)).DefaultTimeout);
        Assert.Equal(9, new SqliteConnectionStringBuilder(DatabaseRegistration.SqliteConnectionString("Data Source=x.db;Default Timeout=9", root, 2)).DefaultTimeout);
        Assert.Equal(9, new SqliteConnectionStringBuilder(DatabaseRegistration.SqliteConnectionString("Data Source=x.db;command timeout=9", root, 2)).DefaultTimeout);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("301")]
    [InlineData("-1")]
    [InlineData("5.5")]
    [InlineData("fem")]
    public void A_busy_timeout_outside_1_to_300_whole_seconds_stops_the_start(string value) =>
        Assert.Throws<InvalidOperationException>(() => DatabaseOptions.From(Configuration(("Database:BusyTimeoutSeconds", value))));

    [Fact]
    public async Task A_write_that_waits_longer_than_the_timeout_is_recognised_as_busy_and_a_write_probe_says_no()
    {
        var file = Path.Combine(Path.GetTempPath(), $"sandviken-busy-{Guid.NewGuid():N}.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false, DefaultTimeout = 1 }.ToString();
        try
        {
            await using var holder = new SqliteConnection(connectionString);
            await holder.OpenAsync();
            Assert.Equal("wal", await SqliteDatabase.UseWriteAheadLogAsync(holder));
            await Execute(holder, "CREATE TABLE t (x INTEGER); BEGIN IMMEDIATE; INSERT INTO t VALUES (1);");

            await using var writer = new SqliteConnection(connectionString);
            await writer.OpenAsync();
            var busy = await Assert.ThrowsAsync<SqliteException>(() => Execute(writer, "INSERT INTO t VALUES (2);"));
            Assert.True(DatabaseBusy.IsBusy(new InvalidOperationException("wrapped", busy)));
            Assert.False(DatabaseBusy.IsBusy(new SqliteException("constraint", 19)));
            Assert.False(await SqliteDatabase.CanTakeWritesAsync(connectionString, TimeSpan.FromSeconds(1)));

            // A reader is not held up: it sees the last commit (no row yet).
            await using var reader = new SqliteConnection(connectionString);
            await reader.OpenAsync();
            await using var count = reader.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM t;";
            Assert.Equal(0L, await count.ExecuteScalarAsync());

            await Execute(holder, "COMMIT;");
            Assert.True(await SqliteDatabase.CanTakeWritesAsync(connectionString, TimeSpan.FromSeconds(1)));
        }
        finally
        {
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }
        }
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
