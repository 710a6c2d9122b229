using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sandviken.Strategy.Domain.Access;
using Sandviken.Strategy.Domain.Kolada;
using Sandviken.Strategy.Web.Kolada;
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

        // Off means the background service has returned without asking: nothing is left running that could ask later.
        // (The wait only bounds a service that, switched on, would never return.)
        var service = portal.Services.GetServices<IHostedService>().OfType<KoladaScheduledImport>().Single();
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(portal.Services.GetRequiredService<KoladaSchedule>().Enabled);
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

    [Fact]
    public async Task A_database_failure_is_logged_and_the_schedule_keeps_running()
    {
        var logger = new RecordingLogger<KoladaScheduledImport>();
        var importer = new KoladaImporter(
            new UnavailableDatabase(), new ActorLoader(NullLogger<ActorLoader>.Instance), TimeProvider.System, new KoladaOptions(),
            () => throw new InvalidOperationException("Kolada must not be asked: the database failed first."));
        using var service = new KoladaScheduledImport(
            new KoladaSchedule(true, TimeSpan.FromMilliseconds(50)), importer, new DatabaseLeases(new UnavailableDatabase()), TimeProvider.System, logger);

        await service.StartAsync(CancellationToken.None);
        for (var attempt = 0; attempt < 100 && logger.Entries.Count(e => e.Level == LogLevel.Error) < 2; attempt++)
        {
            await Task.Delay(50);
        }

        // Two failed runs, and the service is still running: one failure did not stop the schedule (or the portal).
        Assert.True(logger.Entries.Count(e => e.Level == LogLevel.Error && e.Message == "Scheduled Kolada import failed") >= 2);
        Assert.False(service.ExecuteTask!.IsCompleted);
        await service.StopAsync(CancellationToken.None);
    }

    private sealed class RecordingLogger<T> : ILogger<T>
    {
        public System.Collections.Concurrent.ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue((logLevel, formatter(state, exception)));
    }

    private sealed class UnavailableDatabase : IDbContextFactory<StrategyDbContext>
    {
        public StrategyDbContext CreateDbContext() => throw new InvalidOperationException("The database is unavailable.");
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
