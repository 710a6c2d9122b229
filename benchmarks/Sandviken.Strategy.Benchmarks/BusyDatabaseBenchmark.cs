using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Sandviken.Strategy.Domain.Data;

namespace Sandviken.Strategy.Benchmarks;

/// <summary>
/// A busy database (ADR 0033, docs/security.md): the published portal (cache off) while another process holds SQLite's
/// write lock and N sign-ins wait for it. Measures the public page's latency before and during, what the waiting
/// sign-ins answer and when, what /health says, and how long an online backup (VACUUM INTO) of the file takes.
/// </summary>
internal static partial class BusyDatabaseBenchmark
{
    private const string Page = "/organisationer/kunskapsnamnden/2025";

    public static async Task RunAsync(Options options)
    {
        var app = options.Required("app");
        var writers = options.Int("writers", 40);
        var work = options.Optional("work") ?? Path.Combine(Path.GetTempPath(), $"sandviken-bench-{Guid.NewGuid():N}");
        await using var portal = await Portal.StartAsync("portal-busy", app, work, cacheEnabled: false);
        var database = Path.Combine(work, "portal-busy", "portal.db");
        using var reader = new HttpClient { BaseAddress = portal.Address, Timeout = TimeSpan.FromSeconds(120) };

        var before = await TimePageAsync(reader, 20);

        var clients = new List<HttpClient>();
        var tokens = new List<string>();
        for (var i = 0; i < writers; i++)
        {
            var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
            {
                BaseAddress = portal.Address,
                Timeout = TimeSpan.FromSeconds(120),
            };
            clients.Add(client);
            tokens.Add(WebUtility.HtmlDecode(TokenRegex().Match(await client.GetStringAsync("/konto/logga-in")).Groups[1].Value));
        }

        List<double> during;
        (HttpStatusCode Status, double Ms) health;
        (HttpStatusCode Status, double Ms)[] signIns;
        await using (var lockHolder = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await lockHolder.OpenAsync();
            await using (var begin = lockHolder.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE;";
                await begin.ExecuteNonQueryAsync();
            }

            // Wrong passwords: each must write the failed-attempt count, so each waits for the lock.
            var waiting = clients.Select((client, i) => TimeAsync(() => client.PostAsync("/konto/logga-in", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "logga-in",
                ["__RequestVerificationToken"] = tokens[i],
                ["Input.Email"] = "politiker@sandviken.example",
                ["Input.Password"] = "fel-losenord-123",
            })))).ToList();
            await Task.Delay(500);
            during = await TimePageAsync(reader, 20);
            health = await TimeAsync(() => reader.GetAsync("/health"));
            signIns = await Task.WhenAll(waiting);
        }

        var clock = Stopwatch.StartNew();
        var backup = Path.Combine(work, "backup.db");
        var check = await SqliteDatabase.BackupAsync($"Data Source={database}", backup);
        var backupMs = clock.Elapsed.TotalMilliseconds;
        clients.ForEach(c => c.Dispose());

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"### Busy database: another connection holds the write lock, {writers} sign-ins wait for it"));
        Console.WriteLine();
        Console.WriteLine($"| Measure | Value |");
        Console.WriteLine("|---|---:|");
        Console.WriteLine(Row($"`{Page}`, median of 20, lock free", $"{WrkResult.Median(before):0} ms (max {before.Max():0})"));
        Console.WriteLine(Row($"`{Page}`, median of 20, lock held, {writers} writers waiting", $"{WrkResult.Median(during):0} ms (max {during.Max():0})"));
        Console.WriteLine(Row("`/health` while the lock is held", $"{(int)health.Status} in {health.Ms:0} ms"));
        foreach (var group in signIns.GroupBy(s => s.Status))
        {
            Console.WriteLine(Row($"sign-ins answered {(int)group.Key}", $"{group.Count()} (after {group.Min(s => s.Ms) / 1000:0.0}–{group.Max(s => s.Ms) / 1000:0.0} s)"));
        }

        Console.WriteLine(Row("online backup (VACUUM INTO) of the demo database", $"{backupMs:0} ms, {new FileInfo(backup).Length / 1024:N0} KB, integrity_check {check}"));
    }

    private static string Row(string measure, string value) => $"| {measure} | {value} |";

    private static async Task<List<double>> TimePageAsync(HttpClient client, int times)
    {
        var results = new List<double>();
        for (var i = 0; i < times; i++)
        {
            var (status, ms) = await TimeAsync(() => client.GetAsync(Page));
            if (status != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{Page} answered {(int)status}.");
            }

            results.Add(ms);
        }

        return results;
    }

    private static async Task<(HttpStatusCode Status, double Ms)> TimeAsync(Func<Task<HttpResponseMessage>> request)
    {
        var clock = Stopwatch.StartNew();
        using var response = await request();
        _ = await response.Content.ReadAsByteArrayAsync();
        return (response.StatusCode, clock.Elapsed.TotalMilliseconds);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();
}
