using Sandviken.Strategy.Domain.Tests.Infrastructure;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Hosting;

/// <summary>Start-up, database, health and logging of the real host. Each test has its own database file.</summary>
public sealed class HostingTests
{
    [Fact]
    [Trait(TestProvider.Trait, TestProvider.SqliteOnly)]
    public async Task First_start_on_an_empty_database_file_creates_migrates_and_seeds_it()
    {
        await using var portal = new PortalFactory();
        Assert.False(File.Exists(portal.DatabaseFile));

        using var client = portal.CreateClient();
        var html = await client.GetPageAsync("/");

        Assert.True(File.Exists(portal.DatabaseFile));
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<StrategyDbContext>>().CreateDbContextAsync();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(4, await db.StrategicAreas.CountAsync());
        HtmlAssert.ContainsText("Växa för framtiden", html);
    }

    [Fact]
    public async Task A_second_start_on_the_same_database_adds_nothing()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"sandviken-web-{Guid.NewGuid():N}");
        int[] first, second;
        await using (var portal = new PortalFactory { DataFolder = folder })
        {
            first = await CountRowsAsync(portal);
        }

        await using (var again = new PortalFactory { DataFolder = folder })
        {
            second = await CountRowsAsync(again);
        }

        Assert.Equal(first, second);
        Assert.True(first.All(count => count > 0));
    }

    [Fact]
    public async Task Health_reports_a_healthy_database_as_json()
    {
        await using var portal = new PortalFactory();
        using var client = portal.CreateClient();

        using var response = await client.GetAsync("/health");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    [Trait(TestProvider.Trait, TestProvider.SqliteOnly)]
    public async Task Health_reports_an_unreachable_database_with_503()
    {
        await using var portal = new PortalFactory();
        using var client = portal.CreateClient();
        await client.GetPageAsync("/");

        // Take the database away under the running app: make its file unreadable garbage.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await File.WriteAllTextAsync(portal.DatabaseFile, "this is not a database");
        using var response = await client.GetAsync("/health");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Requests_are_logged_as_structured_events_in_the_rolling_file()
    {
        await using var portal = new PortalFactory();
        using var client = portal.CreateClient();

        await client.GetPageAsync("/organisationer");

        // The request is logged as the pipeline unwinds, which can be just after the client has the response.
        JsonElement? request = null;
        for (var attempt = 0; attempt < 100 && request is null; attempt++)
        {
            request = (await ReadLogEventsAsync(portal.LogFolder))
                .Cast<JsonElement?>()
                .SingleOrDefault(e => e!.Value.TryGetProperty("RequestPath", out var path) && path.GetString() == "/organisationer");
            if (request is null)
            {
                await Task.Delay(100);
            }
        }

        Assert.NotNull(request);
        Assert.Equal("GET", request.Value.GetProperty("RequestMethod").GetString());
        Assert.Equal(200, request.Value.GetProperty("StatusCode").GetInt32());
        Assert.True(request.Value.TryGetProperty("Elapsed", out _));
    }

    [Fact]
    public async Task Without_demo_data_there_is_no_demo_notice_and_no_organisations()
    {
        await using var portal = new PortalFactory { IncludeDemoData = false };
        using var client = portal.CreateClient();

        var home = await client.GetPageAsync("/");
        var organisations = await client.GetPageAsync("/organisationer");

        HtmlAssert.LacksText("Exempeldata", home);
        HtmlAssert.ContainsText("Växa för framtiden", home);
        HtmlAssert.ContainsText("0 mål kopplade till området", home);
        HtmlAssert.ContainsText("Inga nämnder eller bolag är inlagda ännu.", organisations);
        HtmlAssert.LacksText("Exempeldata", organisations);
    }

    [Fact]
    public async Task Production_refuses_to_start_with_demo_data_unless_asked_to()
    {
        await using var portal = new ProductionPortal();

        var error = Assert.Throws<InvalidOperationException>(() => portal.CreateClient());

        Assert.Contains("Seed:IncludeDemoData=false", error.Message, StringComparison.Ordinal);
    }

    private sealed class ProductionPortal : PortalFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }

    private static async Task<List<JsonElement>> ReadLogEventsAsync(string folder)
    {
        var events = new List<JsonElement>();
        foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder, "portal-*.log") : [])
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var lines = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            events.AddRange(lines.Where(l => l.EndsWith('}')).Select(l => JsonDocument.Parse(l).RootElement));
        }

        return events;
    }

    private static async Task<int[]> CountRowsAsync(PortalFactory portal)
    {
        using var client = portal.CreateClient();
        await client.GetPageAsync("/");
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<StrategyDbContext>>().CreateDbContextAsync();
        return
        [
            await db.Municipalities.CountAsync(), await db.StrategicAreas.CountAsync(), await db.AreaAmbitions.CountAsync(),
            await db.PlanningCycles.CountAsync(), await db.Organisations.CountAsync(), await db.Plans.CountAsync(),
            await db.Goals.CountAsync(), await db.Decisions.CountAsync(), await db.PlanVersions.CountAsync(),
        ];
    }
}
