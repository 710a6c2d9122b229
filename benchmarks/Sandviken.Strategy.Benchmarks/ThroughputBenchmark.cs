using System.Globalization;

namespace Sandviken.Strategy.Benchmarks;

/// <summary>
/// Requests per second of each public page against bare Kestrel on the same machine, alternating
/// (bare, page, bare, page, …, bare) so that both sides see the same background load. The ratio divides a page's
/// figure by the mean of the two bare runs on either side of it. Warm: the portal as configured (output cache on
/// where the build has one). Cold: a second portal process with PublicCache__Enabled=false (every request a miss).
/// </summary>
internal static class ThroughputBenchmark
{
    public static readonly string[] Pages =
    [
        "/",
        "/omraden/vaxa-for-framtiden",
        "/organisationer",
        "/organisationer/kunskapsnamnden/2025",
        "/beslutsstatus",
        "/beslutsstatus.csv",
    ];

    public static async Task RunAsync(Options options)
    {
        var app = options.Required("app");
        var bareFolder = options.Required("bare");
        var seconds = options.Int("seconds", 10);
        var connections = options.Int("connections", 32);
        var threads = options.Int("threads", 2);
        var work = options.Optional("work") ?? Path.Combine(Path.GetTempPath(), $"sandviken-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        Console.Error.WriteLine($"Work folder (databases, logs): {work}");

        await using var bare = await Portal.StartBareKestrelAsync(bareFolder, work);
        foreach (var (label, cache) in new[] { ("Warm (output cache as configured)", true), ("Cold (PublicCache__Enabled=false)", false) })
        {
            await using var portal = await Portal.StartAsync(cache ? "portal-warm" : "portal-cold", app, work, cache);
            await PrintPhaseAsync(label, portal, bare, seconds, connections, threads);
        }
    }

    private static async Task PrintPhaseAsync(string label, ServerProcess portal, ServerProcess bare, int seconds, int connections, int threads)
    {
        // Warm-up: JIT, EF's query cache, the connection pool and (when on) the output cache. Not counted.
        await Wrk.RunAsync(bare.Address, connections, threads, 5);
        foreach (var page in Pages)
        {
            var warmUp = await Wrk.RunAsync(new Uri(portal.Address, page), connections, threads, 5);
            if (warmUp.Failed > 0)
            {
                throw new InvalidOperationException($"{page} answered {warmUp.Failed} of {warmUp.Requests} requests with an error.");
            }
        }

        var bareRuns = new List<WrkResult> { await Wrk.RunAsync(bare.Address, connections, threads, seconds) };
        var pageRuns = new List<WrkResult>();
        foreach (var page in Pages)
        {
            pageRuns.Add(await Wrk.RunAsync(new Uri(portal.Address, page), connections, threads, seconds));
            bareRuns.Add(await Wrk.RunAsync(bare.Address, connections, threads, seconds));
        }

        Console.WriteLine();
        Console.WriteLine($"### {label}");
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrk -t {threads} -c {connections} -d {seconds}s --latency, alternating with bare Kestrel; bare Kestrel: median {WrkResult.Median(bareRuns.Select(b => b.RequestsPerSecond)):0} requests/s, p50 {WrkResult.Median(bareRuns.Select(b => b.P50Ms)):0.00} ms, p99 {WrkResult.Median(bareRuns.Select(b => b.P99Ms)):0.00} ms."));
        Console.WriteLine();
        Console.WriteLine("| Page | Requests/s | Bare Kestrel around it | Ratio (target ≥ 0.30 warm) | p50 ms | p99 ms | p99/p50 (target ≤ 5) | Errors |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (var i = 0; i < Pages.Length; i++)
        {
            var run = pageRuns[i];
            var around = (bareRuns[i].RequestsPerSecond + bareRuns[i + 1].RequestsPerSecond) / 2;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| `{Pages[i]}` | {run.RequestsPerSecond:0} | {around:0} | {run.RequestsPerSecond / around:0.000} | {run.P50Ms:0.00} | {run.P99Ms:0.00} | {run.P99Ms / run.P50Ms:0.0} | {run.Failed} |"));
        }
    }
}
