using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Sandviken.Strategy.Benchmarks;

/// <summary>
/// Cold (cache-miss) latency of each public page at 1x data (the demo seed) and at 10x data (the generator's seed),
/// two portal processes with PublicCache__Enabled=false running side by side. One connection at a time, so that the
/// figure is the page's own latency rather than a queue; the runs alternate 1x, 10x, 10x, 1x for each page.
/// </summary>
internal static class ScaleBenchmark
{
    public static async Task RunAsync(Options options)
    {
        var app = options.Required("app");
        var seconds = options.Int("seconds", 10);
        var work = options.Optional("work") ?? Path.Combine(Path.GetTempPath(), $"sandviken-bench-{Guid.NewGuid():N}");
        var (municipality, demo) = DataGenerator.Write(
            Path.Combine(app, "Seed"), Path.Combine(work, "seed-10x"), options.Int("organisations", 300), options.Int("years", 10));
        Console.Error.WriteLine($"Generated {municipality} and {demo}; the portal seeds them at start.");

        await using var large = await Portal.StartAsync("portal-10x", app, work, cacheEnabled: false, municipality, demo);
        await using var small = await Portal.StartAsync("portal-1x", app, work, cacheEnabled: false);

        Console.WriteLine();
        Console.WriteLine("### Data size");
        Console.WriteLine();
        Console.WriteLine("| Rows | 1x | 10x |");
        Console.WriteLine("|---|---:|---:|");
        var smallCounts = Count(Path.Combine(work, "portal-1x", "portal.db"));
        var largeCounts = Count(Path.Combine(work, "portal-10x", "portal.db"));
        foreach (var (table, count) in smallCounts)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {table} | {count:N0} | {largeCounts[table]:N0} |"));
        }

        var half = Math.Max(1, seconds / 2);
        var rows = new List<string>();
        foreach (var page in ThroughputBenchmark.Pages)
        {
            foreach (var server in new[] { small, large })
            {
                var warmUp = await Wrk.RunAsync(new Uri(server.Address, page), 4, 1, 2);
                if (warmUp.Failed > 0)
                {
                    throw new InvalidOperationException($"{page} on {server.Name} answered {warmUp.Failed} requests with an error.");
                }
            }

            var smallRuns = new List<WrkResult>();
            var largeRuns = new List<WrkResult>();
            smallRuns.Add(await Wrk.RunAsync(new Uri(small.Address, page), 1, 1, half));
            largeRuns.Add(await Wrk.RunAsync(new Uri(large.Address, page), 1, 1, half));
            largeRuns.Add(await Wrk.RunAsync(new Uri(large.Address, page), 1, 1, half));
            smallRuns.Add(await Wrk.RunAsync(new Uri(small.Address, page), 1, 1, half));
            var p50Small = WrkResult.Median(smallRuns.Select(r => r.P50Ms));
            var p50Large = WrkResult.Median(largeRuns.Select(r => r.P50Ms));
            rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"| `{page}` | {p50Small:0.00} | {WrkResult.Median(smallRuns.Select(r => r.P99Ms)):0.00} | {p50Large:0.00} | {WrkResult.Median(largeRuns.Select(r => r.P99Ms)):0.00} | {p50Large / p50Small:0.00} |"));
        }

        Console.WriteLine();
        Console.WriteLine("### Cold latency at 1x and 10x data");
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrk -t 1 -c 1 --latency, {half} s per run, runs alternating 1x, 10x, 10x, 1x per page; medians of the runs."));
        Console.WriteLine();
        Console.WriteLine("| Page | 1x p50 ms | 1x p99 ms | 10x p50 ms | 10x p99 ms | 10x/1x p50 (target ≤ 1.5) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        rows.ForEach(Console.WriteLine);
    }

    private static Dictionary<string, long> Count(string databaseFile)
    {
        using var connection = new SqliteConnection($"Data Source={databaseFile};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var counts = new Dictionary<string, long>();
        foreach (var table in new[] { "Organisations", "Plans", "Goals", "Indicators", "Measurements", "Decisions", "PlanVersions", "FollowUps" })
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = (long)command.ExecuteScalar()!;
        }

        return counts;
    }
}
