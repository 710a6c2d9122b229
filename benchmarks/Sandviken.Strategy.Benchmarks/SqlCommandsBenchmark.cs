using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace Sandviken.Strategy.Benchmarks;

/// <summary>
/// SQL commands per uncached public request at 1x and 10x data (issue 7's target: at most 3). The portal runs in
/// this process with PublicCache:Enabled=false; EF Core's DiagnosticListener counts every executed command while one
/// request at a time is in flight. The first request of a page in a fresh process and a repeated one are shown apart.
/// </summary>
internal static class SqlCommandsBenchmark
{
    private const string CommandExecuted = "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuted";

    public static async Task RunAsync(Options options)
    {
        var work = options.Optional("work") ?? Path.Combine(Path.GetTempPath(), $"sandviken-sql-{Guid.NewGuid():N}");
        var root = CircuitBenchmark.RepositoryRoot();
        var web = Path.Combine(root, "src", "Sandviken.Strategy.Web");
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_SANDVIKEN_STRATEGY_WEB", web);
        var (municipality, demo) = DataGenerator.Write(
            Path.Combine(web, "Seed"), Path.Combine(work, "seed-10x"), options.Int("organisations", 300), options.Int("years", 10));

        using var counter = new CommandCounter();
        var counts = new Dictionary<string, (int First, int Repeated)>[2];
        for (var size = 0; size < 2; size++)
        {
            var folder = Path.Combine(work, size == 0 ? "1x" : "10x");
            await using var portal = new CountedPortal(folder, size == 0 ? null : municipality, size == 0 ? null : demo);
            using var http = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            (await http.GetAsync("/health")).EnsureSuccessStatusCode();
            counts[size] = [];
            foreach (var page in ThroughputBenchmark.Pages)
            {
                var first = await CountAsync(http, counter, page);
                var repeated = await CountAsync(http, counter, page);
                counts[size][page] = (first, repeated);
            }
        }

        Console.WriteLine();
        Console.WriteLine("### SQL commands per uncached request");
        Console.WriteLine();
        Console.WriteLine("| Page | 1x, first request | 1x, repeated | 10x, first request | 10x, repeated (target ≤ 3) |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var page in ThroughputBenchmark.Pages)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| `{page}` | {counts[0][page].First} | {counts[0][page].Repeated} | {counts[1][page].First} | {counts[1][page].Repeated} |"));
        }
    }

    private static async Task<int> CountAsync(HttpClient http, CommandCounter counter, string page)
    {
        var before = counter.Count;
        using var response = await http.GetAsync(page);
        await response.Content.ReadAsByteArrayAsync();
        response.EnsureSuccessStatusCode();
        return counter.Count - before;
    }

    /// <summary>Counts EF Core's CommandExecuted events of every DbContext in the process.</summary>
    private sealed class CommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly IDisposable allListeners;
        private readonly List<IDisposable> subscriptions = [];
        private int count;

        public CommandCounter() => allListeners = DiagnosticListener.AllListeners.Subscribe(this);

        public int Count => Volatile.Read(ref count);

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == "Microsoft.EntityFrameworkCore")
            {
                lock (subscriptions)
                {
                    subscriptions.Add(value.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == CommandExecuted)
            {
                Interlocked.Increment(ref count);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            allListeners.Dispose();
            lock (subscriptions)
            {
                subscriptions.ForEach(s => s.Dispose());
            }
        }
    }

    private sealed class CountedPortal(string folder, string? municipalitySeed, string? demoSeed) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            Directory.CreateDirectory(folder);
            builder.UseEnvironment("Production");
            builder.ConfigureAppConfiguration((_, config) =>
            {
                var settings = new Dictionary<string, string?>
                {
                    ["Database:Provider"] = "Sqlite",
                    ["ConnectionStrings:Sqlite"] = $"Data Source={Path.Combine(folder, "portal.db")}",
                    ["Seed:IncludeDemoData"] = "true",
                    ["Seed:AllowDemoDataInProduction"] = "true",
                    ["PublicCache:Enabled"] = "false",
                    ["Serilog:MinimumLevel:Default"] = "Warning",
                    ["Serilog:WriteTo:1:Args:path"] = Path.Combine(folder, "logs", "portal-.log"),
                };
                if (municipalitySeed is not null)
                {
                    settings["Seed:MunicipalityFile"] = municipalitySeed;
                    settings["Seed:DemoFile"] = demoSeed;
                }

                config.AddInMemoryCollection(settings);
            });
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            SqliteConnection.ClearAllPools();
        }
    }
}
