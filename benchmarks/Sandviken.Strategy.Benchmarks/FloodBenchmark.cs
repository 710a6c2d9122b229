using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Sandviken.Strategy.Web.Tests.Infrastructure;
using Outcome = Sandviken.Strategy.Web.Tests.Infrastructure.BlazorHubClient.Outcome;

namespace Sandviken.Strategy.Benchmarks;

/// <summary>
/// The attack of issue 9 against the published portal in its own process: a flood of attempts to open circuits with a
/// hand-written client of the Blazor hub (negotiate, WebSocket, blazorpack handshake, StartCircuit), several at a time.
/// Records the process's resident memory (RSS) before, right after, and after the connections are closed and the
/// portal has had a while to tidy up, with what the attempts got. Phases:
/// 1. anonymous, production budgets (the negotiate budget per address answers most attempts with 429);
/// 2. anonymous, negotiate budget lifted (every attempt reaches the hub's sign-in check: 401);
/// 3. one signed-in user, negotiate budget lifted (the cap per user answers);
/// 4. as 3 with the cap lifted too: what each accepted circuit costs, for comparison (the situation before ADR 0030).
/// </summary>
internal static partial class FloodBenchmark
{
    private const string Secretary = "sekreterare.kunskap@sandviken.example";
    private const string Password = "Sandviken-demo-2026";
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(20);

    public static async Task RunAsync(Options options)
    {
        var app = options.Required("app");
        var attempts = options.Int("attempts", 1500);
        var parallel = options.Int("parallel", 50);
        var work = options.Optional("work") ?? Path.Combine(Path.GetTempPath(), $"sandviken-flood-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);

        var rows = new List<string>();
        await using (var portal = await Portal.StartAsync("flood-defaults", app, work, cacheEnabled: true))
        {
            rows.Add(await PhaseAsync("Anonymous, production budgets", portal, cookies: null, attempts, parallel));
        }

        var lifted = new Dictionary<string, string> { ["RateLimits__HubNegotiatePerAddress__PermitLimit"] = "1000000000" };
        await using (var portal = await Portal.StartAsync("flood-lifted", app, work, cacheEnabled: true, settings: lifted))
        {
            rows.Add(await PhaseAsync("Anonymous, negotiate budget lifted", portal, cookies: null, attempts, parallel));
            rows.Add(await PhaseAsync("Signed in (one user), negotiate budget lifted", portal, await SignInAsync(portal.Address), attempts, parallel));
        }

        var uncapped = new Dictionary<string, string>(lifted) { ["Circuits__MaxPerUser"] = "1000000" };
        await using (var portal = await Portal.StartAsync("flood-uncapped", app, work, cacheEnabled: true, settings: uncapped))
        {
            rows.Add(await PhaseAsync("Signed in, cap per user lifted too (for comparison)", portal, await SignInAsync(portal.Address), attempts, parallel));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"### Flood of circuit attempts ({attempts} attempts, {parallel} at a time)"));
        Console.WriteLine();
        Console.WriteLine("| Phase | Time | Circuits started | 401 | 429 | Closed by the hub | Other | RSS before | RSS after the flood | RSS after closing and 20 s |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }
    }

    private static async Task<string> PhaseAsync(string label, ServerProcess portal, CookieContainer? cookies, int attempts, int parallel)
    {
        // Warm: the first page and the hub's first refusal or circuit, so that the baseline holds the JIT's work.
        using (var http = new HttpClient { BaseAddress = portal.Address })
        {
            (await http.GetAsync("/")).Dispose();
        }

        await Task.Delay(TimeSpan.FromSeconds(5));
        var before = portal.ResidentBytes;
        var results = new List<BlazorHubClient.Attempt>();
        var gate = new SemaphoreSlim(parallel);
        var clock = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, attempts).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                var attempt = await BlazorHubClient.TryStartCircuitAsync(portal.Address, cookies);
                lock (results)
                {
                    results.Add(attempt);
                }
            }
            catch (Exception e) when (e is HttpRequestException or System.Net.WebSockets.WebSocketException or TaskCanceledException)
            {
                lock (results)
                {
                    results.Add(new BlazorHubClient.Attempt(Outcome.NoCircuit, null, e.GetType().Name, null));
                }
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(tasks);
        var elapsed = clock.Elapsed;
        var after = portal.ResidentBytes;

        foreach (var open in results.Select(r => r.Connection).OfType<BlazorHubClient>())
        {
            await open.DisposeAsync();
        }

        await Task.Delay(Settle);
        var settled = portal.ResidentBytes;

        int Count(Func<BlazorHubClient.Attempt, bool> match) => results.Count(match);
        var started = Count(r => r.Outcome == Outcome.CircuitStarted);
        var unauthorized = Count(r => r.Status == HttpStatusCode.Unauthorized);
        var tooMany = Count(r => r.Status == HttpStatusCode.TooManyRequests);
        var closed = Count(r => r.Outcome == Outcome.Closed);
        var other = results.Count - started - unauthorized - tooMany - closed;
        return string.Create(CultureInfo.InvariantCulture,
            $"| {label} | {elapsed.TotalSeconds:0.0} s | {started} | {unauthorized} | {tooMany} | {closed} | {other} | {Mb(before)} | {Mb(after)} | {Mb(settled)} |");
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0} MB");

    /// <summary>Signs in through the form as a browser without JavaScript would; the cookie stays in the container.</summary>
    private static async Task<CookieContainer> SignInAsync(Uri address)
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = address };
        var form = await http.GetStringAsync("/konto/logga-in");
        var token = WebUtility.HtmlDecode(TokenRegex().Match(form).Groups[1].Value);
        using var response = await http.PostAsync("/konto/logga-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "logga-in",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = Secretary,
            ["Input.Password"] = Password,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in answered {(int)response.StatusCode}.");
        }

        return cookies;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();
}
