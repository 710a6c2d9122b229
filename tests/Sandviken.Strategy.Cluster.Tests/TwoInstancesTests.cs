using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Sandviken.Strategy.Cluster.Tests.Infrastructure;

namespace Sandviken.Strategy.Cluster.Tests;

/// <summary>
/// Issue 11's topology: two instances behind nginx sharing one database (with the Data Protection keys), Redis (the
/// output cache and its generation) and a lease for the scheduled import (ADR 0038). The steps run in order: the last
/// one kills an instance.
/// </summary>
[TestCaseOrderer(StepOrderer.TypeName, StepOrderer.AssemblyName)]
public sealed partial class TwoInstancesTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private const string Secretary = "sekreterare.kunskap@sandviken.example";
    private const string Password = "Sandviken-demo-2026";
    private const string AreaPage = "/omraden/vaxa-for-framtiden";

    [Fact]
    [Step(1)]
    public async Task A_sign_in_cookie_and_an_antiforgery_token_issued_by_instance_1_work_on_instance_2()
    {
        var cookies = new CookieContainer();
        using var client = ClusterFixture.ClientFrom(IPAddress.Loopback, cookies);
        var (first, second) = (cluster.Instances[0], cluster.Instances[1]);

        // The form and its antiforgery cookie from instance 1, posted to instance 2 (cookies ignore the port).
        var form = await client.GetStringAsync(new Uri(first, "/konto/logga-in"));
        using var signIn = await client.PostAsync(new Uri(second, "/konto/logga-in"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "logga-in",
            ["__RequestVerificationToken"] = TokenIn(form),
            ["Input.Email"] = Secretary,
            ["Input.Password"] = Password,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.EndsWith("/arbetsyta", signIn.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains(cookies.GetAllCookies(), c => c.Name == "sandviken.auth");

        // The sign-in cookie from instance 2, read by instance 1.
        using var workspace = await client.GetAsync(new Uri(first, "/arbetsyta"));
        Assert.Equal(HttpStatusCode.OK, workspace.StatusCode);
        Assert.Contains("Överförmyndarnämnden", WebUtility.HtmlDecode(await workspace.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    [Step(2)]
    public async Task A_decision_recorded_through_instance_1_is_on_the_public_page_that_instance_2_serves_right_after()
    {
        const string goalTitle = "Gemensam cache mellan instanserna";
        using var anonymous = ClusterFixture.ClientFrom(IPAddress.Loopback);
        var onSecond = new Uri(cluster.Instances[1], AreaPage);

        // Instance 2 has the page in the shared cache: the same answer twice.
        var before = await anonymous.GetStringAsync(onSecond);
        Assert.Equal(before, await anonymous.GetStringAsync(onSecond));
        Assert.DoesNotContain(goalTitle, before, StringComparison.Ordinal);

        // A secretary on instance 1 adds a goal and records the April decision of Överförmyndarnämnden's 2026 plan.
        var page = await cluster.NewPageAsync(cluster.Instances[0]);
        await SignInAsync(page);
        await OpenOwnPlanAsync(page);
        await AddGoalAsync(page, goalTitle);
        var decisionForm = page.GetByTestId("decision-form");
        await decisionForm.GetByLabel("Beslutsdatum").FillAsync("2026-11-20");
        await decisionForm.GetByLabel("Paragraf och diarienummer").FillAsync("§ 42");
        await decisionForm.GetByLabel("Paragraf och diarienummer").PressAsync("Tab");
        await decisionForm.GetByTestId("record-decision").ClickAsync();
        await Assertions.Expect(page.GetByTestId("plan-status")).ToHaveTextAsync("Utkast beslutat");

        // The write has returned: instance 2's very next answer has the decided goal.
        var after = WebUtility.HtmlDecode(await anonymous.GetStringAsync(onSecond));
        Assert.Contains(goalTitle, after, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    [Step(3)]
    public async Task Nginx_spreads_clients_over_both_instances_and_keeps_a_signed_in_circuit_on_its_instance()
    {
        // Clients from 24 addresses: nginx's consistent hash sends them to both instances, each always to the same one.
        var seen = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        for (var i = 2; i < 26; i++)
        {
            var address = IPAddress.Parse($"127.0.0.{i}");
            using var client = ClusterFixture.ClientFrom(address);
            for (var request = 0; request < 3; request++)
            {
                using var answer = await client.GetAsync(new Uri(cluster.Nginx, $"/health?klient={i}&n={request}"));
                Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            }

            seen[address.ToString()] = [.. Upstreams(address.ToString(), $"/health?klient={i}&")];
        }

        Assert.All(seen, s => Assert.Single(s.Value));
        Assert.Equal(2, seen.Values.Select(s => s.Single()).Distinct(StringComparer.Ordinal).Count());

        // A signed-in browser through nginx: its negotiate, its WebSocket and its page loads all reach one instance.
        var page = await cluster.NewPageAsync();
        await SignInAsync(page);
        await OpenOwnPlanAsync(page);
        await page.GotoAsync("/arbetsyta");
        await SignIn.WaitForInteractivityAsync(page);
        var circuitUpstreams = Upstreams("127.0.0.1", "/_blazor");
        Assert.True(circuitUpstreams.Count >= 2, $"Only {circuitUpstreams.Count} circuit requests were logged.");
        Assert.Single(circuitUpstreams.Distinct(StringComparer.Ordinal));
        Assert.Single(Upstreams("127.0.0.1", "/arbetsyta").Distinct(StringComparer.Ordinal));
        await page.Context.CloseAsync();
    }

    [Fact]
    [Step(4)]
    public async Task The_scheduled_import_runs_once_per_interval_across_both_instances()
    {
        // Both instances tick once per interval; each interval's lease lets one of them import. Bounded wait for three.
        List<DateTime> imports = [];
        for (var attempt = 0; attempt < 120 && imports.Count < 3; attempt++)
        {
            await using var db = cluster.OpenDatabase();
            imports = await db.AuditEntries.AsNoTracking().Where(a => a.Action == "Kolada.Import").Select(a => a.AtUtc).ToListAsync();
            if (imports.Count < 3)
            {
                await Task.Delay(500);
            }
        }

        Assert.True(imports.Count >= 3, $"Only {imports.Count} scheduled imports were recorded.");
        // One import per interval, by whichever instance ticks first in it: imports lie about an interval apart. Without
        // the lease the two instances would each import once per interval, at their own moments, and of the two gaps
        // that alternate then one is shorter than half an interval.
        imports.Sort();
        var gaps = imports.Zip(imports.Skip(1), (a, b) => b - a).ToList();
        Assert.All(gaps, gap => Assert.True(gap >= ClusterFixture.ImportInterval / 2, $"Two imports only {gap} apart."));
        await using var check = cluster.OpenDatabase();
        var lease = await check.Leases.AsNoTracking().SingleAsync();
        Assert.Equal("kolada-scheduled-import", lease.Name);
    }

    [Fact]
    [Step(5)]
    public async Task When_an_instance_is_killed_public_pages_are_still_served_and_a_signed_in_user_continues_on_the_other()
    {
        const string goalTitle = "Sparat efter att en instans stoppades";
        var page = await cluster.NewPageAsync();
        await SignInAsync(page);
        await OpenOwnPlanAsync(page);
        var planUrl = page.Url;
        var own = Upstreams("127.0.0.1", "/_blazor").Last();
        var victim = Array.FindIndex(cluster.Instances, i => string.Equals($"{i.Host}:{i.Port}", own, StringComparison.Ordinal));
        Assert.True(victim >= 0, $"The circuit's instance {own} is not one of the topology's.");

        cluster.Kill(victim);

        // Public pages through nginx, for this client (whose instance died) and for others.
        using var anonymous = ClusterFixture.ClientFrom(IPAddress.Loopback);
        foreach (var path in new[] { "/", AreaPage, "/beslutsstatus", "/organisationer" })
        {
            using var answer = await anonymous.GetAsync(new Uri(cluster.Nginx, path));
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }

        // The user reloads (the reconnection dialog's way back): still signed in, now on the other instance, and saves.
        await page.GotoAsync(planUrl);
        Assert.EndsWith(new Uri(planUrl).AbsolutePath, new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await SignIn.WaitForInteractivityAsync(page);
        await AddGoalAsync(page, goalTitle);
        Assert.NotEqual(own, Upstreams("127.0.0.1", "/_blazor").Last());

        await using var db = cluster.OpenDatabase();
        Assert.True(await db.Goals.AnyAsync(g => g.Title == goalTitle));
        await page.Context.CloseAsync();
    }

    private static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/konto/logga-in");
        await page.GetByLabel("E-postadress").FillAsync(Secretary);
        await page.GetByLabel("Lösenord").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in" }).ClickAsync();
        await page.WaitForURLAsync("**/arbetsyta", new() { Timeout = 60_000 });
        await SignIn.WaitForInteractivityAsync(page);
    }

    // The secretary's 2026 plan of Överförmyndarnämnden (Utkast or Utkast beslutat: both editable).
    private static async Task OpenOwnPlanAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Nämndplan 2026" }).Last.ClickAsync();
        await page.WaitForURLAsync("**/arbetsyta/planer/*");
        await SignIn.WaitForInteractivityAsync(page);
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Överförmyndarnämnden");
    }

    private static async Task AddGoalAsync(IPage page, string title)
    {
        await page.GetByTestId("add-goal").ClickAsync();
        var editor = page.GetByTestId("goal-editor");
        await editor.GetByRole(AriaRole.Checkbox, new() { Name = "Växa för framtiden" }).CheckAsync();
        await editor.GetByLabel("Rubrik").FillAsync(title);
        await editor.GetByLabel("Rubrik").PressAsync("Tab");
        await editor.GetByTestId("save-goal").ClickAsync();
        await Assertions.Expect(page.GetByTestId("mal-utfall-notice")).ToContainTextAsync($"Målet ”{title}” är sparat.");
    }

    /// <summary>The instances (host:port) that nginx sent this client's requests starting with <paramref name="pathPrefix"/> to, in order.</summary>
    private List<string> Upstreams(string client, string pathPrefix) =>
        [.. File.ReadAllLines(cluster.AccessLogPath)
            .Select(line => AccessLine().Match(line))
            .Where(m => m.Success && m.Groups["client"].Value == client && m.Groups["path"].Value.StartsWith(pathPrefix, StringComparison.Ordinal))
            // After a failed attempt nginx logs "dead, alive": the one that answered is the last.
            .Select(m => m.Groups["upstream"].Value.Split(", ")[^1])];

    private static string TokenIn(string html) =>
        WebUtility.HtmlDecode(TokenRegex().Match(html) is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException("The page holds no antiforgery token."));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();

    [GeneratedRegex("""^(?<client>\S+) "\S+ (?<path>\S+) [^"]*" (?<status>\d+) (?<upstream>.+)$""")]
    private static partial Regex AccessLine();
}

/// <summary>Sign-in helpers shared by the steps.</summary>
internal static class SignIn
{
    /// <summary>Clicks are only handled once the circuit is up (DESIGN.md §8).</summary>
    public static Task WaitForInteractivityAsync(IPage page) =>
        page.Locator("main[data-interactive='true']").WaitForAsync(new() { Timeout = 30_000 });
}
