using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Public;

public sealed class PlanPageValuesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Every_value_on_the_plan_page_shows_its_period_source_and_when_it_was_fetched()
    {
        using var client = portal.CreateClient();

        var html = await client.GetPageAsync("/organisationer/kunskapsnamnden/2025");

        HtmlAssert.ContainsText("Period Värde Källa Hämtat", html);
        // The demo values were loaded by the seed at the test clock's time, 26 November 2026 09:00 UTC (10:00 in Sandviken).
        HtmlAssert.ContainsText("2025 81,2 Exempeldata 2026-11-26 kl. 10:00", html);
    }

    [Fact]
    public async Task The_plan_page_parses_its_versions_through_the_hosts_own_snapshot_cache()
    {
        using var client = portal.CreateClient();
        var cache = portal.Services.GetRequiredService<PlanSnapshotCache>();

        await client.GetPageAsync("/organisationer/kultur-och-fritidsnamnden/2025");

        Assert.Same(cache, portal.Services.GetRequiredService<PlanSnapshotCache>());
        Assert.True(cache.Count > 0, "The reader parsed its snapshots elsewhere than in the registered cache.");
    }
}
