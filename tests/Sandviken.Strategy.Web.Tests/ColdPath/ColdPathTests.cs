using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Sandviken.Strategy.Web.Tests.ColdPath;

/// <summary>
/// Issue 7, part 3: one anonymous GET of each public page, with nothing cached, reads its data with at most three SQL
/// commands, the layout included, and with as many at ten times the organisations as at the demo data (ADR 0027).
/// </summary>
public sealed class ColdPathTests(ColdPathHosts hosts, ITestOutputHelper output) : IClassFixture<ColdPathHosts>
{
    private const int Budget = 3;

    public static TheoryData<string> PublicPages =>
    [
        "/",
        "/omraden/vaxa-for-framtiden",
        "/omraden/utbildning-som-gor-skillnad?ar=2025",
        "/organisationer",
        "/organisationer/kunskapsnamnden",
        "/organisationer/kommunstyrelsen/2025",
        "/organisationer/kommunstyrelsen/2025/versioner/1.docx",
        "/beslutsstatus",
        "/beslutsstatus?ar=2025&visa=bolag",
        "/beslutsstatus.csv",
        "/floden/beslut.atom",
        "/organisationer/kunskapsnamnden/beslut.atom",
        "/floden/planering.ics",
        "/datasets/dcat",
    ];

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task One_anonymous_request_reads_with_at_most_three_SQL_commands_at_demo_size_and_at_ten_times_the_data(string url)
    {
        var demo = await CountAsync(hosts.Demo, url);
        var tenfold = await CountAsync(hosts.Tenfold, url);

        output.WriteLine($"{url}: {demo.Count} SQL commands at 1x, {tenfold.Count} at 10x");
        Assert.True(demo.Count is > 0 and <= Budget, $"{url} sent {demo.Count} SQL commands:\n{string.Join("\n---\n", demo)}");
        Assert.Equal(demo.Count, tenfold.Count);
    }

    [Fact]
    public async Task The_tenfold_portal_really_has_ten_times_the_organisations_and_decided_versions()
    {
        Assert.Equal(10 * await CountAsync(hosts.Demo, db => db.Organisations), await CountAsync(hosts.Tenfold, db => db.Organisations));
        Assert.Equal(10 * await CountAsync(hosts.Demo, db => db.PlanVersions), await CountAsync(hosts.Tenfold, db => db.PlanVersions));
    }

    [Fact]
    public async Task The_counter_sees_every_command_of_a_page()
    {
        // Guards the guard: a page known to read is counted, and only while the request runs.
        var commands = await CountAsync(hosts.Demo, "/organisationer");

        Assert.Single(commands);
        Assert.Contains("Organisations", commands[0], StringComparison.Ordinal);
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

    private static async Task<int> CountAsync<T>(CountingPortalFactory portal, Func<StrategyDbContext, IQueryable<T>> set)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<StrategyDbContext>>().CreateDbContextAsync();
        return await set(db).CountAsync();
    }
}
