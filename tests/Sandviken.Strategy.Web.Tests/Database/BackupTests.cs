using Sandviken.Strategy.Domain.Tests.Infrastructure;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Domain.Administration;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Database;

/// <summary>The online backup (VACUUM INTO): taken while the portal writes, it opens and passes integrity_check (ADR 0033).</summary>
[Trait(TestProvider.Trait, TestProvider.SqliteOnly)]
public sealed class BackupTests : IDisposable
{
    private readonly PortalFactory portal = new() { Settings = { ["Database:BusyTimeoutSeconds"] = "5" } };

    [Fact]
    public async Task Backups_taken_while_writes_go_on_are_sound_and_hold_what_was_committed_before_them()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var admin = await Browserless.PrincipalOfAsync(scope, "admin@sandviken.example");
        var organisations = scope.ServiceProvider.GetRequiredService<OrganisationAdminService>();
        using var stop = new CancellationTokenSource();
        var committed = new List<int>();
        var writer = Task.Run(async () =>
        {
            for (var n = 1; !stop.IsCancellationRequested; n++)
            {
                var id = await organisations.AddAsync(admin, new OrganisationInput($"Säkerhetskopierade nämnden {n}", OrganisationKind.Committee, null, true));
                lock (committed)
                {
                    committed.Add(id);
                }
            }
        });

        var backups = new List<(string File, int[] CommittedBefore)>();
        for (var i = 0; i < 3; i++)
        {
            await WaitForMoreWritesAsync(committed, writer, 5 * (i + 1));
            int[] before;
            lock (committed)
            {
                before = [.. committed];
            }

            var file = Path.Combine(portal.DataFolder, "backups", $"backup-{i}.db");
            using var output = new StringWriter();
            Assert.Equal(0, await portal.Services.BackupDatabaseAsync(file, output));
            Assert.Contains("integrity_check: ok", output.ToString(), StringComparison.Ordinal);
            backups.Add((file, before));
        }

        await WaitForMoreWritesAsync(committed, writer, 20);
        await stop.CancelAsync();
        await writer; // the writer never failed: the backups did not lock it out

        foreach (var (file, before) in backups)
        {
            Assert.Equal("ok", await SqliteDatabase.IntegrityCheckAsync(file));
            var inCopy = await OrganisationIdsAsync(file);
            Assert.Superset(before.ToHashSet(), inCopy.ToHashSet());
        }
    }

    [Fact]
    public async Task The_backup_command_of_the_built_portal_writes_a_sound_copy_and_refuses_to_overwrite_one()
    {
        _ = portal.Server; // migrated and seeded
        var file = Path.Combine(portal.DataFolder, "backups", "from-command.db");

        var (code, output) = await RunPortalAsync("backup", file);
        Assert.True(code == 0, output);
        Assert.Contains("integrity_check: ok", output, StringComparison.Ordinal);
        Assert.Equal("ok", await SqliteDatabase.IntegrityCheckAsync(file));
        Assert.NotEmpty(await OrganisationIdsAsync(file));

        var (again, refusal) = await RunPortalAsync("backup", file);
        Assert.Equal(1, again);
        Assert.Contains("exists already", refusal, StringComparison.Ordinal);
    }

    public void Dispose() => portal.Dispose();

    private static async Task WaitForMoreWritesAsync(List<int> committed, Task writer, int atLeast)
    {
        while (true)
        {
            if (writer.IsCompleted)
            {
                await writer; // shows why it stopped
            }

            lock (committed)
            {
                if (committed.Count >= atLeast)
                {
                    return;
                }
            }

            await Task.Delay(20);
        }
    }

    private static async Task<List<int>> OrganisationIdsAsync(string file)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id FROM Organisations;";
        var ids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt32(0));
        }

        return ids;
    }

    /// <summary>The built portal as an operator runs it: dotnet Sandviken.Strategy.Web.dll backup FILE, on this test's database.</summary>
    private async Task<(int Code, string Output)> RunPortalAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Sandviken.Strategy.Web.dll"));
        args.ToList().ForEach(start.ArgumentList.Add);
        start.ArgumentList.Add("--Database:Provider=Sqlite");
        start.ArgumentList.Add($"--ConnectionStrings:Sqlite=Data Source={portal.DatabaseFile}");
        start.ArgumentList.Add($"--Serilog:WriteTo:1:Args:path={Path.Combine(portal.LogFolder, "backup-.log")}");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
