using System.Net;
using Sandviken.Strategy.Web.Tests.ColdPath;
using Sandviken.Strategy.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Sandviken.Strategy.Web.Tests.Api;

/// <summary>
/// ADR 0027 for the API: one uncached request reads with a few SQL commands, as many at ten times the organisations as
/// at the demo data (no command per organisation, plan or goal).
/// </summary>
public sealed class ApiColdPathTests(ColdPathHosts hosts, ITestOutputHelper output) : IClassFixture<ColdPathHosts>
{
    private const int Budget = 4;

    public static TheoryData<string> Addresses =>
    [
        "/api/v1",
        "/api/v1/mandate-periods",
        "/api/v1/mandate-periods/1",
        "/api/v1/organisations",
        "/api/v1/organisations/kunskapsnamnden",
        "/api/v1/plans?year=2026",
        "/api/v1/plans/1",
        "/api/v1/plans/1/versions/1",
        "/api/v1/plans/1/versions/1/content",
        "/api/v1/decisions",
        "/api/v1/goals?year=2026&area=vaxa-for-framtiden",
        "/api/v1/indicators?year=2025",
        "/api/v1/follow-ups?year=2025",
        "/api/v1/years/2026/decision-status",
        "/api/v1/years/2026/coverage",
        "/api/v1/years/2026/goals.csv",
    ];

    [Theory]
    [MemberData(nameof(Addresses))]
    public async Task One_request_reads_with_at_most_four_SQL_commands_at_demo_size_and_at_ten_times_the_data(string url)
    {
        var demo = await CountAsync(hosts.Demo, url);
        var tenfold = await CountAsync(hosts.Tenfold, url);

        output.WriteLine($"{url}: {demo.Count} SQL commands at 1x, {tenfold.Count} at 10x");
        Assert.True(demo.Count <= Budget, $"{url} sent {demo.Count} SQL commands:\n{string.Join("\n---\n", demo)}");
        Assert.Equal(demo.Count, tenfold.Count);
    }

    private static async Task<IReadOnlyList<string>> CountAsync(CountingPortalFactory portal, string url)
    {
        using var client = portal.CreateClient();
        portal.Counter.Reset();
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await response.Content.ReadAsByteArrayAsync();
        return portal.Counter.Commands;
    }
}
