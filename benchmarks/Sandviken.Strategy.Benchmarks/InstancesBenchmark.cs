using System.Diagnostics;
using System.Globalization;

namespace Sandviken.Strategy.Benchmarks;

/// <summary>
/// Two portal instances behind nginx against one instance behind nginx (issue 11), the public pages warm and cold. Both
/// sides go through an nginx made from the repository's template, so the proxy's cost is on both and the ratio is what
/// the second instance adds. The instances share one database (the SQLite file by default, or a server database given
/// through --settings) and one Redis, which the benchmark starts (Debian's redis-server, nothing written to disk), as in
/// the deployment of several instances. Each page is measured one, two, two, one, so that a drift in the background load
/// falls on both sides alike; the ratio divides the mean of the two-instance runs by the mean of the one-instance runs.
/// Warm (output cache on) also measures one instance with its cache in memory (the one-server deployment), to show what
/// the shared cache costs. Cold: fresh instances with PublicCache__Enabled=false, every request rendered.
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
        var template = Path.GetFullPath(options.Optional("template") ?? "deploy/nginx/sandviken-strategy.conf");
        var work = options.Optional("work") ?? Path.Combine(Path.GetTempPath(), $"sandviken-instances-{Guid.NewGuid():N}");
        var extra = ParseSettings(options.Optional("settings"));
        Directory.CreateDirectory(work);
        Console.Error.WriteLine($"Work folder (databases, logs, nginx): {work}");

        var summary = new List<string>();
        foreach (var (label, name, cache) in new[] { ("Warm (output cache on)", "warm", true), ("Cold (PublicCache__Enabled=false)", "cold", false) })
        {
            var folder = Path.Combine(work, name);
            Directory.CreateDirectory(folder);
            await using var redis = await Redis.StartAsync(folder);
            var memory = new Dictionary<string, string>(extra)
            {
                // Behind nginx: trust its X-Forwarded-For and X-Forwarded-Proto, as a real deployment does (ADR 0023).
                ["ReverseProxy__Enabled"] = "true",
            };

            // One database for every instance; SQLite in WAL mode is shared safely by processes on one machine.
            memory.TryAdd("ConnectionStrings__Sqlite", $"Data Source={Path.Combine(folder, "shared.db")}");
            var shared = new Dictionary<string, string>(memory);
            shared.TryAdd("ConnectionStrings__Redis", redis.Address);

            // A first: it migrates, seeds and makes the first Data Protection key; the others start on the ready database.
            await using var a = await Portal.StartAsync($"{name}-a", app, folder, cache, settings: shared);
            await using var b = await Portal.StartAsync($"{name}-b", app, folder, cache, settings: shared);
            await using var toOne = await Nginx.StartAsync(nginx, template, Path.Combine(folder, "nginx-one"), a.Address);
            await using var toTwo = await Nginx.StartAsync(nginx, template, Path.Combine(folder, "nginx-two"), a.Address, b.Address);
            await toOne.CheckBalancingAsync(a.Address);
            await toTwo.CheckBalancingAsync(a.Address, b.Address);
            if (cache)
            {
                await using var c = await Portal.StartAsync($"{name}-memory", app, folder, cache, settings: memory);
                await using var toMemory = await Nginx.StartAsync(nginx, template, Path.Combine(folder, "nginx-memory"), c.Address);
                await toMemory.CheckBalancingAsync(c.Address);
                summary.Add(await PrintPhaseAsync(label, toOne.Address, toTwo.Address, toMemory.Address, seconds, connections, threads));
            }
            else
            {
                summary.Add(await PrintPhaseAsync(label, toOne.Address, toTwo.Address, memoryOne: null, seconds, connections, threads));
            }
        }

        Console.WriteLine();
        Console.WriteLine("### Median over the pages");
        Console.WriteLine();
        Console.WriteLine("| Phase | 2 instances / 1 (both with Redis) | 1 instance with Redis / 1 with its cache in memory |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var row in summary)
        {
            Console.WriteLine(row);
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

    private static async Task<string> PrintPhaseAsync(
        string label, Uri toOne, Uri toTwo, Uri? memoryOne, int seconds, int connections, int threads)
    {
        var sides = memoryOne is null ? new[] { toOne, toTwo } : [toOne, toTwo, memoryOne];

        // Warm-up through every nginx: JIT, EF's query cache, the connection pools, nginx's upstreams and (warm phase)
        // the cache entries. Not counted.
        foreach (var page in ThroughputBenchmark.Pages)
        {
            foreach (var side in sides)
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
        var redisCosts = new List<double>();
        foreach (var page in ThroughputBenchmark.Pages)
        {
            // One, two, (memory, memory,) two, one: symmetric in time, so a drift in the load falls on every side alike.
            Task<WrkResult> Run(Uri side) => Wrk.RunAsync(new Uri(side, page), connections, threads, seconds);
            var one1 = await Run(toOne);
            var two1 = await Run(toTwo);
            var memory = memoryOne is null ? null : new[] { await Run(memoryOne), await Run(memoryOne) };
            var two2 = await Run(toTwo);
            var one2 = await Run(toOne);
            var one = (one1.RequestsPerSecond + one2.RequestsPerSecond) / 2;
            var two = (two1.RequestsPerSecond + two2.RequestsPerSecond) / 2;
            ratios.Add(two / one);
            var errors = one1.Failed + one2.Failed + two1.Failed + two2.Failed + (memory?.Sum(m => m.Failed) ?? 0);
            var memoryColumns = "";
            if (memory is not null)
            {
                var inMemory = (memory[0].RequestsPerSecond + memory[1].RequestsPerSecond) / 2;
                redisCosts.Add(one / inMemory);
                memoryColumns = string.Create(CultureInfo.InvariantCulture, $" {inMemory:0} | {one / inMemory:0.00} |");
            }

            rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"| `{page}` | {one:0} | {two:0} | **{two / one:0.00}** | {(one1.P50Ms + one2.P50Ms) / 2:0.00} | {(two1.P50Ms + two2.P50Ms) / 2:0.00} | {(one1.P99Ms + one2.P99Ms) / 2:0.00} | {(two1.P99Ms + two2.P99Ms) / 2:0.00} |{memoryColumns} {errors} |"));
        }

        Console.WriteLine();
        Console.WriteLine($"### {label}");
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrk -t {threads} -c {connections} -d {seconds}s --latency through nginx; load average after the phase {File.ReadAllText("/proc/loadavg").Split(' ')[0]}."));
        Console.WriteLine();
        var memoryHeader = memoryOne is null ? ("", "") : (" 1 instance, cache in memory, requests/s | Redis / memory, 1 instance |", "---:|---:|");
        Console.WriteLine($"| Page | 1 instance, requests/s | 2 instances, requests/s | Ratio 2/1 | p50 ms, 1 | p50 ms, 2 | p99 ms, 1 | p99 ms, 2 |{memoryHeader.Item1} Errors |");
        Console.WriteLine($"|---|---:|---:|---:|---:|---:|---:|---:|{memoryHeader.Item2}---:|");
        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"| {label} | {WrkResult.Median(ratios):0.00} | {(redisCosts.Count == 0 ? "–" : WrkResult.Median(redisCosts).ToString("0.00", CultureInfo.InvariantCulture))} |");
    }
}

/// <summary>Debian's redis-server on a free loopback port, in the foreground, nothing written to disk.</summary>
internal sealed class Redis : IAsyncDisposable
{
    private readonly Process process;

    private Redis(Process process, string address)
    {
        this.process = process;
        Address = address;
    }

    /// <summary>host:port, as ConnectionStrings:Redis takes it.</summary>
    public string Address { get; }

    public static async Task<Redis> StartAsync(string folder)
    {
        var port = ServerProcess.FreePort();
        var start = new ProcessStartInfo("redis-server")
        {
            ArgumentList = { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--logfile", Path.Combine(folder, "redis.log") },
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start redis-server (apt-get install redis-server).");
        var redis = new Redis(process, $"127.0.0.1:{port}");
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return redis;
            }
            catch (System.Net.Sockets.SocketException) when (clock.Elapsed < TimeSpan.FromSeconds(30) && !process.HasExited)
            {
                await Task.Delay(100);
            }
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
}

/// <summary>
/// Debian's nginx as its own process, configured from the repository's template (deploy/nginx/sandviken-strategy.conf,
/// as scripts/cluster.sh fills it) with everything else in the work folder (no system files touched). One exception:
/// the template keeps a client on its instance with a hash of the client's address, and wrk is one client on one
/// address, so the hash would send every request to one instance. Real visitors come from many addresses, which the
/// hash spreads over the instances; the benchmark stands in for them with round robin (the line is removed).
/// </summary>
internal sealed class Nginx : IAsyncDisposable
{
    private readonly Process process;

    private Nginx(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<Nginx> StartAsync(string nginx, string template, string folder, params Uri[] instances)
    {
        Directory.CreateDirectory(folder);
        var address = new Uri($"http://127.0.0.1:{ServerProcess.FreePort()}");
        var site = Path.Combine(folder, "sandviken-strategy.conf");
        await File.WriteAllTextAsync(site, Fill(await File.ReadAllTextAsync(template), address, instances));
        var config = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
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
                # Answers are relayed from memory, never through a temporary file that nginx's worker user could not write.
                proxy_max_temp_file_size 0;
                # Which instance answered: the benchmark checks the balancing with it before measuring.
                add_header X-Upstream $upstream_addr always;
                include {{site}};
            }
            """);
        var start = new ProcessStartInfo(nginx)
        {
            ArgumentList = { "-p", folder, "-c", config, "-e", Path.Combine(folder, "error.log") },
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {nginx} (apt-get install nginx).");
        var proxy = new Nginx(process, address);
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
                using var response = await http.GetAsync(new Uri(address, "/health"));
                if (response.IsSuccessStatusCode)
                {
                    Console.Error.WriteLine($"nginx is up on {address} for {string.Join(" and ", instances.Select(i => i.Authority))}");
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

    /// <summary>Fails unless the requests reach exactly these instances: otherwise the ratio means nothing.</summary>
    public async Task CheckBalancingAsync(params Uri[] instances)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 10; i++)
        {
            using var response = await http.GetAsync(new Uri(Address, "/health"));
            seen.Add(response.Headers.TryGetValues("X-Upstream", out var values) ? string.Join(",", values) : "?");
        }

        if (!seen.SetEquals(instances.Select(i => i.Authority)))
        {
            throw new InvalidOperationException(
                $"nginx on {Address} reached {string.Join(" ", seen)}, not {string.Join(" ", instances.Select(i => i.Authority))}.");
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

    /// <summary>The template's markers filled as scripts/cluster.sh fills them, and its client-address hash left out.</summary>
    private static string Fill(string template, Uri listen, Uri[] instances)
    {
        var lines = new List<string>();
        foreach (var line in template.Split('\n'))
        {
            if (line.TrimStart().StartsWith('#'))
            {
                lines.Add(line);
            }
            else if (line.Trim() == "@INSTANCES@")
            {
                lines.AddRange(instances.Select(i => $"    server {i.Authority} max_fails=1 fail_timeout=10s;"));
            }
            else if (line.TrimStart().StartsWith("hash ", StringComparison.Ordinal))
            {
                lines.Add("    # (hash left out by the benchmark: one wrk client stands in for many visitors)");
            }
            else
            {
                lines.Add(line.Replace("@LISTEN@", listen.Authority, StringComparison.Ordinal));
            }
        }

        return lines.Any(l => !l.TrimStart().StartsWith('#') && l.Contains('@', StringComparison.Ordinal))
            ? throw new InvalidOperationException("The nginx template has a marker the benchmark does not know.")
            : string.Join('\n', lines);
    }
}
