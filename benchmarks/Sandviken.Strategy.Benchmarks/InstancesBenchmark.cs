using System.Diagnostics;
using System.Globalization;

namespace Sandviken.Strategy.Benchmarks;

/// <summary>
/// Two portal instances behind nginx against one instance behind the same nginx (issue 11): the proxy's cost is in both
/// sides, so the ratio is what the second instance adds. One nginx process serves two loopback ports: the first proxies
/// to instance A alone, the second balances over A and B (round robin, as anonymous visitors are balanced in
/// deploy/nginx). Both instances share one database (the SQLite file by default, or a server database given through
/// --settings) and, with --settings ConnectionStrings__Redis=…, one Redis output cache. Each page is measured one, two,
/// two, one (so both sides see the same background load) and the ratio divides the mean of the two-instance runs by the
/// mean of the one-instance runs. Warm: the output cache on. Cold: two fresh instances with PublicCache__Enabled=false.
/// </summary>
internal static class InstancesBenchmark
{
    public static async Task RunAsync(Options options)
    {
        var app = options.Required("app");
        var seconds = options.Int("seconds", 10);
        var connections = options.Int("connections", 32);
        var threads = options.Int("threads", 2);
        var nginx = options.Optional("nginx") ?? "/usr/sbin/nginx";
        var work = options.Optional("work") ?? Path.Combine(Path.GetTempPath(), $"sandviken-instances-{Guid.NewGuid():N}");
        var extra = ParseSettings(options.Optional("settings"));
        Directory.CreateDirectory(work);
        Console.Error.WriteLine($"Work folder (databases, logs, nginx): {work}");

        var summary = new List<(string Phase, double Ratio)>();
        foreach (var (label, name, cache) in new[] { ("Warm (output cache on)", "warm", true), ("Cold (PublicCache__Enabled=false)", "cold", false) })
        {
            var folder = Path.Combine(work, name);
            Directory.CreateDirectory(folder);
            var settings = new Dictionary<string, string>(extra)
            {
                // Behind nginx: trust its X-Forwarded-For and X-Forwarded-Proto, as a real deployment does (ADR 0023).
                ["ReverseProxy__Enabled"] = "true",
            };

            // One database for both instances; SQLite in WAL mode is shared safely by processes on one machine.
            settings.TryAdd("ConnectionStrings__Sqlite", $"Data Source={Path.Combine(folder, "shared.db")}");

            // A first: it migrates and seeds. B starts on the ready database, as a second instance does in production.
            await using var a = await Portal.StartAsync($"{name}-a", app, folder, cache, settings: settings);
            await using var b = await Portal.StartAsync($"{name}-b", app, folder, cache, settings: settings);
            await using var proxy = await Nginx.StartAsync(nginx, Path.Combine(folder, "nginx"), a.Address, b.Address);
            await proxy.CheckBalancingAsync(a.Address, b.Address);
            summary.Add((label, await PrintPhaseAsync(label, proxy, seconds, connections, threads)));
        }

        Console.WriteLine();
        Console.WriteLine("### Two instances against one, median over the pages");
        Console.WriteLine();
        Console.WriteLine("| Phase | Ratio (2 instances / 1) |");
        Console.WriteLine("|---|---:|");
        foreach (var (phase, ratio) in summary)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {phase} | {ratio:0.00} |"));
        }
    }

    /// <summary>"KEY=VALUE;KEY=VALUE": extra environment for both instances (a PostgreSQL or Redis connection, say).</summary>
    private static Dictionary<string, string> ParseSettings(string? text)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ArgumentException($"--settings takes KEY=VALUE pairs separated by ';', not '{pair}'.");
            }

            settings[pair[..equals]] = pair[(equals + 1)..];
        }

        return settings;
    }

    private static async Task<double> PrintPhaseAsync(string label, Nginx proxy, int seconds, int connections, int threads)
    {
        // Warm-up through both ports: JIT, EF's query cache, the connection pools, nginx's upstream keep-alive and
        // (warm phase) each instance's cache entries. Not counted.
        foreach (var page in ThroughputBenchmark.Pages)
        {
            foreach (var side in new[] { proxy.One, proxy.Two })
            {
                var warmUp = await Wrk.RunAsync(new Uri(side, page), connections, threads, 5);
                if (warmUp.Failed > 0)
                {
                    throw new InvalidOperationException($"{page} through {side} answered {warmUp.Failed} of {warmUp.Requests} requests with an error.");
                }
            }
        }

        var rows = new List<string>();
        var ratios = new List<double>();
        foreach (var page in ThroughputBenchmark.Pages)
        {
            // One, two, two, one: a drift in the background load during the four runs falls on both sides alike.
            var one1 = await Wrk.RunAsync(new Uri(proxy.One, page), connections, threads, seconds);
            var two1 = await Wrk.RunAsync(new Uri(proxy.Two, page), connections, threads, seconds);
            var two2 = await Wrk.RunAsync(new Uri(proxy.Two, page), connections, threads, seconds);
            var one2 = await Wrk.RunAsync(new Uri(proxy.One, page), connections, threads, seconds);
            var one = (one1.RequestsPerSecond + one2.RequestsPerSecond) / 2;
            var two = (two1.RequestsPerSecond + two2.RequestsPerSecond) / 2;
            ratios.Add(two / one);
            rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"| `{page}` | {one:0} | {two:0} | **{two / one:0.00}** | {(one1.P50Ms + one2.P50Ms) / 2:0.00} | {(two1.P50Ms + two2.P50Ms) / 2:0.00} | {(one1.P99Ms + one2.P99Ms) / 2:0.00} | {(two1.P99Ms + two2.P99Ms) / 2:0.00} | {one1.Failed + one2.Failed + two1.Failed + two2.Failed} |"));
        }

        Console.WriteLine();
        Console.WriteLine($"### {label}");
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrk -t {threads} -c {connections} -d {seconds}s --latency through nginx; each page one, two, two, one; load average now {File.ReadAllText("/proc/loadavg").Split(' ')[0]}."));
        Console.WriteLine();
        Console.WriteLine("| Page | 1 instance, requests/s | 2 instances, requests/s | Ratio 2/1 | p50 ms, 1 | p50 ms, 2 | p99 ms, 1 | p99 ms, 2 | Errors |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }

        return WrkResult.Median(ratios);
    }
}

/// <summary>
/// Debian's nginx as its own process with a configuration of its own (no system files touched): port One proxies to
/// instance A, port Two balances over A and B. Upstream keep-alive, WebSocket upgrade and forwarded headers as in a
/// real deployment; no access log (it would cost both sides alike and fill the disk).
/// </summary>
internal sealed class Nginx : IAsyncDisposable
{
    private readonly Process process;

    private Nginx(Process process, Uri one, Uri two)
    {
        this.process = process;
        One = one;
        Two = two;
    }

    public Uri One { get; }

    public Uri Two { get; }

    public static async Task<Nginx> StartAsync(string nginx, string folder, Uri a, Uri b)
    {
        Directory.CreateDirectory(folder);
        var one = new Uri($"http://127.0.0.1:{ServerProcess.FreePort()}");
        var two = new Uri($"http://127.0.0.1:{ServerProcess.FreePort()}");
        var config = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(config, Configuration(folder, one, two, a, b));
        await File.WriteAllTextAsync(Path.Combine(folder, "proxy.conf"), ProxySettings);
        var start = new ProcessStartInfo(nginx)
        {
            ArgumentList = { "-p", folder, "-c", config, "-e", Path.Combine(folder, "error.log") },
            RedirectStandardOutput = false,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {nginx} (apt-get install nginx).");
        var proxy = new Nginx(process, one, two);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"nginx stopped at start (exit code {process.ExitCode}); see {folder}/error.log.");
            }

            try
            {
                using var first = await http.GetAsync(new Uri(one, "/health"));
                using var second = await http.GetAsync(new Uri(two, "/health"));
                if (first.IsSuccessStatusCode && second.IsSuccessStatusCode)
                {
                    Console.Error.WriteLine($"nginx is up on {one} (A) and {two} (A and B)");
                    return proxy;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                await proxy.DisposeAsync();
                throw new TimeoutException($"nginx did not answer within 30 s; see {folder}/error.log.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Fails unless port One reaches only A and port Two reaches both A and B: otherwise the ratio means nothing.</summary>
    public async Task CheckBalancingAsync(Uri a, Uri b)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        async Task<HashSet<string>> UpstreamsAsync(Uri side)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < 10; i++)
            {
                using var response = await http.GetAsync(new Uri(side, "/health"));
                seen.Add(response.Headers.TryGetValues("X-Upstream", out var values) ? string.Join(",", values) : "?");
            }

            return seen;
        }

        var expectedA = a.Authority;
        var expectedB = b.Authority;
        var one = await UpstreamsAsync(One);
        var two = await UpstreamsAsync(Two);
        if (!one.SetEquals([expectedA]) || !two.SetEquals([expectedA, expectedB]))
        {
            throw new InvalidOperationException(
                $"nginx does not balance as intended: port One reached {string.Join(" ", one)}, port Two {string.Join(" ", two)}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            // SIGQUIT: nginx's graceful stop, which also ends its workers (a SIGKILL of the master would leave them running).
            using var quit = Process.Start("kill", ["-QUIT", process.Id.ToString(CultureInfo.InvariantCulture)])
                ?? throw new InvalidOperationException("Could not run kill.");
            await quit.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await process.WaitForExitAsync(timeout.Token);
        }

        process.Dispose();
    }

    private static string Configuration(string folder, Uri one, Uri two, Uri a, Uri b) => $$"""
        # Written by the instances benchmark (benchmarks/Sandviken.Strategy.Benchmarks/InstancesBenchmark.cs).
        daemon off;
        worker_processes auto;
        pid {{folder}}/nginx.pid;
        error_log {{folder}}/error.log warn;
        events { worker_connections 4096; }
        http {
            access_log off;
            client_body_temp_path {{folder}}/client_body;
            proxy_temp_path {{folder}}/proxy;
            fastcgi_temp_path {{folder}}/fastcgi;
            uwsgi_temp_path {{folder}}/uwsgi;
            scgi_temp_path {{folder}}/scgi;
            # Answers are relayed from memory, never through a temporary file.
            proxy_buffers 16 16k;
            proxy_buffer_size 16k;
            proxy_max_temp_file_size 0;

            # Upgrade for the workspace's WebSocket; an empty Connection header otherwise keeps the upstream alive.
            map $http_upgrade $connection_upgrade { default upgrade; '' ''; }

            upstream one { server {{a.Authority}}; keepalive 64; }
            upstream two { server {{a.Authority}}; server {{b.Authority}}; keepalive 64; }

            server { listen {{one.Authority}}; location / { proxy_pass http://one; include {{folder}}/proxy.conf; } }
            server { listen {{two.Authority}}; location / { proxy_pass http://two; include {{folder}}/proxy.conf; } }
        }
        """;

    /// <summary>What every location passes to the portal, as in a real deployment.</summary>
    private const string ProxySettings = """
        proxy_http_version 1.1;
        proxy_set_header Host $host;
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection $connection_upgrade;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        # Which instance answered: the benchmark checks the balancing with it before measuring.
        add_header X-Upstream $upstream_addr always;

        """;
}
