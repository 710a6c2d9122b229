using System.Globalization;

namespace Sandviken.Strategy.Benchmarks;

/// <summary>
/// The benchmarks of docs/performance.md. benchmarks/run.sh publishes the portal and the bare Kestrel endpoint and
/// calls the commands below; each prints Markdown tables. The machines are shared and noisy: every comparison
/// alternates its two sides within one run, and the figures to compare are the ratios.
/// </summary>
internal static class BenchmarkCommands
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("""
                Usage (see benchmarks/run.sh):
                  throughput --app DIR --bare DIR [--seconds 10] [--connections 32] [--threads 2]
                  scale      --app DIR [--seconds 10] [--organisations 300] [--years 10]
                  generate   --seed DIR --out DIR [--organisations 300] [--years 10]
                  circuit    [--circuits 10] [--saves 40]
                  flood      --app DIR [--attempts 1500] [--parallel 50]
                  sql        [--organisations 300] [--years 10]
                  busy       --app DIR [--writers 40]
                  instances  --app DIR [--seconds 10] [--connections 32] [--threads 2] [--nginx PATH] [--template FILE] [--settings "KEY=VALUE;…"]
                """);
            return 2;
        }

        var options = Options.Parse(args.Skip(1));
        switch (args[0])
        {
            case "throughput":
                await ThroughputBenchmark.RunAsync(options);
                return 0;
            case "scale":
                await ScaleBenchmark.RunAsync(options);
                return 0;
            case "generate":
                var (municipality, demo) = DataGenerator.Write(
                    options.Required("seed"), options.Required("out"), options.Int("organisations", 300), options.Int("years", 10));
                Console.WriteLine($"Wrote {municipality} and {demo}");
                return 0;
            case "circuit":
                await CircuitBenchmark.RunAsync(options);
                return 0;
            case "flood":
                await FloodBenchmark.RunAsync(options);
                return 0;
            case "busy":
                await BusyDatabaseBenchmark.RunAsync(options);
                return 0;
            case "instances":
                await InstancesBenchmark.RunAsync(options);
                return 0;
            case "sql":
                await SqlCommandsBenchmark.RunAsync(options);
                return 0;
            default:
                Console.Error.WriteLine($"Unknown command '{args[0]}'.");
                return 2;
        }
    }
}

/// <summary>"--name value" pairs.</summary>
internal sealed class Options
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    public static Options Parse(IEnumerable<string> args)
    {
        var options = new Options();
        string? name = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                name = arg[2..];
                options.values[name] = "true";
            }
            else if (name is not null)
            {
                options.values[name] = arg;
                name = null;
            }
        }

        return options;
    }

    public string Required(string name) =>
        values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required.");

    public string? Optional(string name) => values.GetValueOrDefault(name);

    public int Int(string name, int fallback) =>
        values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
