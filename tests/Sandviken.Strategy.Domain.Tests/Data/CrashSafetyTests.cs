using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Sandviken.Strategy.Domain.Tests.Data;

/// <summary>
/// Crash safety (ADR 0033): a process writing through the portal's domain service (Sandviken.Strategy.CrashWriter) is
/// killed with SIGKILL in the middle of its stream of writes, again and again. After each kill the database passes
/// <c>PRAGMA integrity_check</c>, holds every write the process acknowledged, and the next process starts on it.
/// 20 runs here; scripts/crash-test.sh runs 50 (SANDVIKEN_CRASH_RUNS).
/// </summary>
[Trait(TestProvider.Trait, TestProvider.SqliteOnly)]
public sealed partial class CrashSafetyTests(ITestOutputHelper output) : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"sandviken-crash-{Guid.NewGuid():N}");

    private static int Runs =>
        int.TryParse(Environment.GetEnvironmentVariable("SANDVIKEN_CRASH_RUNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var runs) && runs > 0 ? runs : 20;

    [Fact]
    public async Task Every_acknowledged_write_survives_a_kill_9_in_the_middle_of_the_stream_and_the_file_stays_sound()
    {
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "portal.db");
        var (prepared, adminId, prepareErrors) = await RunToEndAsync("prepare", file);
        Assert.True(prepared == 0, prepareErrors);

        var acknowledged = new List<int>();
        var random = new Random(2026);
        for (var run = 1; run <= Runs; run++)
        {
            var acks = await WriteAndKillAsync(file, adminId.Trim(), $"Kraschnämnd {run}", TimeSpan.FromMilliseconds(random.Next(0, 400)));
            acknowledged.AddRange(acks);

            Assert.Equal("ok", await SqliteDatabase.IntegrityCheckAsync(file));
            var stored = await OrganisationIdsAsync(file);
            var lost = acks.Where(id => !stored.Contains(id)).ToList();
            Assert.True(lost.Count == 0, $"Run {run}: acknowledged but not stored after the kill: {string.Join(", ", lost)}");
            // One more than acknowledged: the kill fell between a commit and its acknowledgement (allowed, not lost).
            output.WriteLine($"Run {run}: {acks.Count} acknowledged, {await CountNamedAsync(file, $"Kraschnämnd {run} ")} stored; integrity_check ok.");
        }

        var all = await OrganisationIdsAsync(file);
        Assert.Superset(acknowledged.ToHashSet(), all);
        Assert.Equal(acknowledged.Count, acknowledged.Distinct().Count());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // a temp folder left behind is harmless
        }
    }

    /// <summary>Starts a writer, lets it commit at least one write plus <paramref name="more"/>, kills it (SIGKILL) and returns what it acknowledged.</summary>
    private static async Task<List<int>> WriteAndKillAsync(string file, string adminId, string tag, TimeSpan more)
    {
        using var process = Start("write", file, adminId, tag);
        var stderr = process.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        var firstAck = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reading = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                lock (lines)
                {
                    lines.Add(line);
                }

                firstAck.TrySetResult();
            }

            firstAck.TrySetResult(); // ended without an acknowledgement: the exit check below says why
        });

        await firstAck.Task;
        if (process.HasExited)
        {
            Assert.Fail($"The writer stopped by itself ({process.ExitCode}): {await stderr}");
        }

        await Task.Delay(more);
        process.Kill(); // SIGKILL on Linux: no handler, no flush, no cleanup
        await process.WaitForExitAsync();
        await reading;

        Assert.Equal(128 + 9, process.ExitCode); // killed by signal 9, not exited on its own
        var acks = new List<int>();
        foreach (var line in lines)
        {
            var match = AckRegex().Match(line);
            Assert.True(match.Success, $"Unexpected output from the writer: '{line}'");
            acks.Add(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
        }

        Assert.NotEmpty(acks);
        return acks;
    }

    private static async Task<(int Code, string Output, string Errors)> RunToEndAsync(params string[] args)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Sandviken.Strategy.CrashWriter.dll"));
        args.ToList().ForEach(start.ArgumentList.Add);
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the crash writer.");
    }

    private static async Task<HashSet<int>> OrganisationIdsAsync(string file)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id FROM Organisations;";
        var ids = new HashSet<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt32(0));
        }

        return ids;
    }

    private static async Task<long> CountNamedAsync(string file, string prefix)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Organisations WHERE substr(Name, 1, length($prefix)) = $prefix;";
        command.Parameters.AddWithValue("$prefix", prefix);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [GeneratedRegex("^ack ([0-9]+);$")]
    private static partial Regex AckRegex();
}
