using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Sandviken.Strategy.Benchmarks;

/// <summary>A published app started as its own process on a free loopback port, its output in a log file.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;

    private ServerProcess(Process process, Uri address, string name)
    {
        this.process = process;
        Address = address;
        Name = name;
    }

    public Uri Address { get; }

    /// <summary>The process's resident memory (RSS) now, in bytes.</summary>
    public long ResidentBytes
    {
        get
        {
            process.Refresh();
            return process.WorkingSet64;
        }
    }

    public string Name { get; }

    public static async Task<ServerProcess> StartAsync(
        string name, string dll, IReadOnlyDictionary<string, string> environment, string logFile, string healthPath, TimeSpan timeout)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("/bin/sh")
        {
            // exec: the process we stop is dotnet itself; its output goes to a file so that no pipe can fill up.
            ArgumentList = { "-c", $"exec dotnet \"{dll}\" > \"{logFile}\" 2>&1" },
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dll}.");
        var server = new ServerProcess(process, address, name);
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{name} stopped at start (exit code {process.ExitCode}); see {logFile}.");
            }

            try
            {
                using var response = await http.GetAsync(healthPath);
                if (response.IsSuccessStatusCode)
                {
                    Console.Error.WriteLine($"{name} is up on {address} after {clock.Elapsed.TotalSeconds:0.0} s");
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Still migrating or seeding.
            }

            if (clock.Elapsed > timeout)
            {
                await server.DisposeAsync();
                throw new TimeoutException($"{name} did not answer {healthPath} within {timeout}; see {logFile}.");
            }

            await Task.Delay(250);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The portal's published build with the settings every benchmark uses (Production, demo data, Serilog at Warning).</summary>
internal static class Portal
{
    public static Task<ServerProcess> StartAsync(
        string name, string appFolder, string workFolder, bool cacheEnabled, string? municipalitySeed = null, string? demoSeed = null,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var folder = Path.Combine(workFolder, name);
        Directory.CreateDirectory(folder);
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Sqlite"] = $"Data Source={Path.Combine(folder, "portal.db")}",
            ["Seed__AllowDemoDataInProduction"] = "true",
            ["Serilog__MinimumLevel__Default"] = "Warning",
            ["Serilog__WriteTo__1__Args__path"] = Path.Combine(folder, "logs", "portal-.log"),
            // Read by the build with the output cache; the build before it ignores the key (every request a miss).
            ["PublicCache__Enabled"] = cacheEnabled ? "true" : "false",
            // wrk asks thousands of times a second from one address: the page budget (ADR 0030) out of reach, so
            // that the figures are the pages' own (the limiter itself still runs on every request).
            ["RateLimits__PagesPerClient__PermitLimit"] = "1000000000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        if (municipalitySeed is not null)
        {
            environment["Seed__MunicipalityFile"] = municipalitySeed;
        }

        if (demoSeed is not null)
        {
            environment["Seed__DemoFile"] = demoSeed;
        }

        // Seeding the 10x data takes a few minutes on a busy two-core machine.
        return ServerProcess.StartAsync(
            name, Path.Combine(appFolder, "Sandviken.Strategy.Web.dll"), environment, Path.Combine(folder, "console.log"), "/health", TimeSpan.FromMinutes(20));
    }

    public static Task<ServerProcess> StartBareKestrelAsync(string bareFolder, string workFolder)
    {
        Directory.CreateDirectory(workFolder);
        return ServerProcess.StartAsync(
            "bare Kestrel",
            Path.Combine(bareFolder, "Sandviken.Strategy.BareKestrel.dll"),
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" },
            Path.Combine(workFolder, "bare-kestrel.log"),
            "/",
            TimeSpan.FromMinutes(2));
    }
}

/// <summary>One wrk run: requests per second and the latency percentiles of wrk --latency.</summary>
internal sealed record WrkResult(double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Failed)
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN
            : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
            : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

internal static partial class Wrk
{
    /// <summary>Runs wrk against one URL. Requests ask for brotli or gzip, as every browser does.</summary>
    public static async Task<WrkResult> RunAsync(Uri url, int connections, int threads, int seconds)
    {
        var start = new ProcessStartInfo("wrk")
        {
            ArgumentList =
            {
                "-t", threads.ToString(CultureInfo.InvariantCulture),
                "-c", connections.ToString(CultureInfo.InvariantCulture),
                "-d", $"{seconds}s",
                "--timeout", "10s",
                "--latency",
                "-H", "Accept-Encoding: br, gzip",
                url.ToString(),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start wrk (apt-get install wrk).");
        var outputTask = process.StandardOutput.ReadToEndAsync();
        var errorTask = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await outputTask;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk failed on {url}: {output}{await errorTask}");
        }

        return Parse(output);
    }

    public static WrkResult Parse(string output)
    {
        var rps = double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var requests = long.Parse(Requests().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var non2xx = Non2xx().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var errors = SocketErrors().Match(output) is { Success: true } e
            ? e.Groups.Cast<Group>().Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture))
            : 0;
        return new WrkResult(rps, Percentile(output, "50%"), Percentile(output, "99%"), requests, non2xx + errors);
    }

    private static double Percentile(string output, string label)
    {
        var match = Regex.Match(output, $@"^\s*{Regex.Escape(label)}\s+([\d.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline);
        if (!match.Success)
        {
            throw new FormatException($"wrk printed no {label} latency:\n{output}");
        }

        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "us" => value / 1000,
            "ms" => value,
            "s" => value * 1000,
            _ => value * 60_000,
        };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex Requests();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}
