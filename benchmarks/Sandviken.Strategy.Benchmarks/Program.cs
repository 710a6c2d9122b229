using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Throughput of the public pages on real Kestrel over loopback, with the demo data on a fresh SQLite file.
// Figures on shared machines are noisy: compare the pages with each other (ratios to /health) within one run.
// Usage: dotnet run --configuration Release --project benchmarks/Sandviken.Strategy.Benchmarks [requests-per-page] [concurrency]
internal static class PublicPagesBenchmark
{
    public static async Task Main(string[] args)
    {
        var requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 400;
        var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
        string[] routes =
        [
            "/health",
            "/",
            "/omraden/vaxa-for-framtiden",
            "/organisationer",
            "/organisationer/kunskapsnamnden/2025",
            "/beslutsstatus",
            "/beslutsstatus.csv",
        ];

        // The web project's folder is the content root (seed files); WebApplicationFactory reads it from this variable.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Sandviken.Strategy.sln")))
        {
            root = root.Parent;
        }

        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_SANDVIKEN_STRATEGY_WEB",
            Path.Combine(root?.FullName ?? throw new InvalidOperationException("Run from inside the repository."), "src", "Sandviken.Strategy.Web"));
        var folder = Path.Combine(Path.GetTempPath(), $"sandviken-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        await using var portal = new BenchmarkPortal(folder);
        portal.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        portal.StartServer();
        var address = new Uri(portal.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        using var http = new HttpClient { BaseAddress = address };

        Console.WriteLine($"| Route | Requests/s | p50 ms | p95 ms | Relative to /health |");
        Console.WriteLine($"|---|---:|---:|---:|---:|");
        double? health = null;
        foreach (var route in routes)
        {
            for (var i = 0; i < 30; i++)
            {
                (await http.GetAsync(route)).EnsureSuccessStatusCode(); // warm up: JIT, query compilation, connection pool
            }

            var latencies = new List<double>();
            var next = 0;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
            {
                while (Interlocked.Increment(ref next) <= requests)
                {
                    var started = Stopwatch.GetTimestamp();
                    using var response = await http.GetAsync(route);
                    await response.Content.ReadAsByteArrayAsync();
                    response.EnsureSuccessStatusCode();
                    lock (latencies)
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                }
            }));
            clock.Stop();
            latencies.Sort();
            var perSecond = requests / clock.Elapsed.TotalSeconds;
            health ??= perSecond;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| `{route}` | {perSecond:0} | {latencies[latencies.Count / 2]:0.0} | {latencies[(int)(latencies.Count * 0.95)]:0.0} | {perSecond / health:0.00} |"));
        }
    }
}

internal sealed class BenchmarkPortal(string folder) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Sqlite"] = $"Data Source={Path.Combine(folder, "bench.db")}",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Seed:AllowDemoDataInProduction"] = "true",
            ["Serilog:WriteTo:1:Args:path"] = Path.Combine(folder, "logs", "portal-.log"),
        }));
    }
}
