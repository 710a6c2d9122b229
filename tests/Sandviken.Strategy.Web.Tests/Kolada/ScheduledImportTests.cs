using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Tests.Kolada;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Kolada;

/// <summary>The background import: off by default, and when switched on it fills the database from Kolada (a local stub here).</summary>
public sealed class ScheduledImportTests
{
    [Fact]
    public async Task The_schedule_is_off_by_default_and_asks_Kolada_nothing()
    {
        await using var stub = KoladaStub.Start(_ => StubReply.Fixture("single-page.json"));
        await using var portal = new KoladaPortal(stub.BaseAddress, scheduleEnabled: null);
        using var client = portal.CreateClient();
        await client.GetPageAsync("/");

        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Empty(stub.Requests);
    }

    [Fact]
    public async Task When_switched_on_the_schedule_imports_at_start()
    {
        await using var stub = KoladaStub.Start(_ => StubReply.Fixture("single-page.json"));
        await using var portal = new KoladaPortal(stub.BaseAddress, scheduleEnabled: true);
        using var client = portal.CreateClient();
        await client.GetPageAsync("/");

        var imported = 0;
        for (var attempt = 0; attempt < 100 && imported == 0; attempt++)
        {
            await using var db = await portal.Services.GetRequiredService<IDbContextFactory<StrategyDbContext>>().CreateDbContextAsync();
            imported = await db.AmbitionMeasurements.CountAsync(m => m.Source == "Kolada");
            if (imported == 0)
            {
                await Task.Delay(100);
            }
        }

        Assert.True(imported > 0);
        Assert.Contains(stub.Requests, r => r.Contains("municipality/2181", StringComparison.Ordinal));
        await using var check = await portal.Services.GetRequiredService<IDbContextFactory<StrategyDbContext>>().CreateDbContextAsync();
        Assert.Equal("system (schemalagd Kolada-hämtning)", (await check.AuditEntries.SingleAsync(a => a.Action == "Kolada.Import")).User);
    }

    private sealed class KoladaPortal(Uri koladaAddress, bool? scheduleEnabled) : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            var settings = new Dictionary<string, string?> { ["Kolada:BaseAddress"] = koladaAddress.ToString() };
            if (scheduleEnabled is { } enabled)
            {
                settings["Kolada:Schedule:Enabled"] = enabled ? "true" : "false";
            }

            builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
        }
    }
}
