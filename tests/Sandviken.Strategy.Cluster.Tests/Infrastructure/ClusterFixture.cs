using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Playwright;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Tests.Kolada;

// One topology for the whole project: its processes and ports are not shared with another class at the same time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Sandviken.Strategy.Cluster.Tests.Infrastructure;

/// <summary>
/// Two portal instances behind nginx, Redis and one PostgreSQL database, started by scripts/cluster.sh (the same script as the
/// benchmark's), a fake Kolada on a local port for the scheduled import, and Debian's Chromium. Everything is stopped
/// at the end, also when starting failed half-way.
/// </summary>
#pragma warning disable CA1001 // xunit disposes the fixture through IAsyncLifetime.DisposeAsync.
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>The scheduled import's interval here: short, so that a test sees several intervals.</summary>
    public static readonly TimeSpan ImportInterval = TimeSpan.FromSeconds(6);

    private static readonly TimeSpan ScriptBound = TimeSpan.FromSeconds(150);

    private readonly string directory = Path.Combine(Path.GetTempPath(), $"sandviken-cluster-{Guid.NewGuid():N}");
    private KoladaStub? kolada;
    private IPlaywright? playwright;
    private Dictionary<string, string> environment = [];

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public Uri Nginx { get; private set; } = null!;

    public Uri[] Instances { get; private set; } = [];

    public int[] InstancePids { get; private set; } = [];

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>What nginx logged: one line per request, "client "request" status upstream".</summary>
    public string AccessLogPath => Path.Combine(directory, "nginx-access.log");

    public string DatabaseProvider => environment["DATABASE_PROVIDER"];

    public async Task InitializeAsync()
    {
        // Issue 11: the topology is proven on a server engine. scripts/test.sh exports the admin connection string of
        // its own PostgreSQL cluster (ADR 0037); scripts/cluster.sh makes a database there and drops it at the end.
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("SANDVIKEN_POSTGRES")))
        {
            throw new InvalidOperationException(
                "SANDVIKEN_POSTGRES is not set: run scripts/test.sh, or start a cluster with 'source scripts/test-postgres.sh && start_test_postgres \"$PWD/artifacts\"'.");
        }

        Assertions.SetDefaultExpectTimeout(20_000);
        Directory.CreateDirectory(directory);
        // Kolada answers with no values: each scheduled import still leaves its audit entry, and changes no public page.
        kolada = KoladaStub.Start(_ => StubReply.Json("""{"values":[],"count":0,"next_url":null}"""));
        try
        {
            await RunScriptAsync("start", new Dictionary<string, string>
            {
                ["Kolada__BaseAddress"] = kolada.BaseAddress.ToString(),
                ["Kolada__Schedule__Enabled"] = "true",
                ["Kolada__Schedule__IntervalMinutes"] = ImportInterval.TotalMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            environment = File.ReadAllLines(Path.Combine(directory, "cluster.env"))
                .Select(line => line.Split('=', 2))
                .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
            Nginx = new Uri(environment["NGINX_URL"]);
            Instances = [new Uri(environment["INSTANCE_1_URL"]), new Uri(environment["INSTANCE_2_URL"])];
            InstancePids = [int.Parse(environment["INSTANCE_1_PID"], System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(environment["INSTANCE_2_PID"], System.Globalization.CultureInfo.InvariantCulture)];

            playwright = await Playwright.CreateAsync();
            Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Environment.GetEnvironmentVariable("SANDVIKEN_CHROMIUM") ?? "/usr/bin/chromium",
                Headless = true,
                Args =
                [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                ],
            });
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>A fresh browser context on <paramref name="baseAddress"/> (nginx unless told), Swedish locale.</summary>
    public async Task<IPage> NewPageAsync(Uri? baseAddress = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = (baseAddress ?? Nginx).ToString(),
            Locale = "sv-SE",
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        return await context.NewPageAsync();
    }

    /// <summary>An HTTP client that connects from <paramref name="clientAddress"/> (any 127.x.y.z is this machine).</summary>
    public static HttpClient ClientFrom(IPAddress clientAddress, CookieContainer? cookies = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(clientAddress, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>A context on the topology's shared database, to check what was saved.</summary>
    public StrategyDbContext OpenDatabase()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = DatabaseProvider,
            [$"ConnectionStrings:{DatabaseProvider}"] = environment["DATABASE_CONNECTION"],
        }).Build();
        var builder = new DbContextOptionsBuilder<StrategyDbContext>();
        DatabaseRegistration.Configure(builder, DatabaseOptions.From(settings), settings, directory);
        return new StrategyDbContext(builder.Options);
    }

    /// <summary>Ends an instance at once, as a crash would (SIGKILL: no shutdown, no goodbye to its circuits).</summary>
    public void Kill(int instanceIndex)
    {
        using var process = Process.GetProcessById(InstancePids[instanceIndex]);
        process.Kill();
        process.WaitForExit(10_000);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        try
        {
            await RunScriptAsync("stop", []);
        }
        finally
        {
            if (kolada is not null)
            {
                await kolada.DisposeAsync();
            }

            // The logs are in the failure messages of a start that failed; nothing here is needed afterwards.
            Directory.Delete(directory, recursive: true);
        }
    }

    private async Task RunScriptAsync(string command, Dictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot, "scripts", "cluster.sh"), command, directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(ScriptBound);
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"scripts/cluster.sh {command} did not finish within {ScriptBound}: {await errors}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"scripts/cluster.sh {command} failed ({process.ExitCode}): {await output} {await errors}\n{InstanceLogs()}");
        }
    }

    private string InstanceLogs() =>
        string.Join('\n', Directory.GetFiles(directory, "instance*.out").Select(f => $"{f}:\n{Tail(File.ReadAllText(f))}"));

    private static string Tail(string text) => text.Length > 3000 ? text[^3000..] : text;

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Sandviken.Strategy.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Sandviken.Strategy.sln) was not found above the test binaries.");
    }
}
