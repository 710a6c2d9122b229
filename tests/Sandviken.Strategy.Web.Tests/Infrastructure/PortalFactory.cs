using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Sandviken.Strategy.Domain.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Infrastructure;

/// <summary>
/// The real portal in process, on its own SQLite file (migrated and seeded at start as in production),
/// with a fake clock set to 26 November 2026. With SANDVIKEN_TEST_PROVIDER=PostgreSql, on its own PostgreSQL database
/// instead, copied from a template migrated and seeded once per run (the portal's own start then finds nothing to do
/// but its accounts), and dropped on dispose; a database for a <see cref="DataFolder"/> set by the test is kept to the
/// end of the run, so that a second portal on that folder finds it as a second SQLite portal finds the file (ADR 0037).
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    /// <summary>Where the database file and the logs go; two factories on one folder share a database.</summary>
    public string DataFolder
    {
        get;
        init
        {
            field = value;
            sharedFolder = true;
        }
    } = Path.Combine(Path.GetTempPath(), $"sandviken-web-{Guid.NewGuid():N}");

    private bool sharedFolder;
    private string? postgres;

    public string DatabaseFile => Path.Combine(DataFolder, "portal.db");

    public string LogFolder => Path.Combine(DataFolder, "logs");

    public bool IncludeDemoData { get; set; } = true;

    /// <summary>More configuration for one test, on top of the defaults below.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(DataFolder);
        if (TestProvider.IsPostgreSql)
        {
            postgres = PostgresPortalDatabases.ForFolderAsync(DataFolder, IncludeDemoData).GetAwaiter().GetResult();
        }

        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = TestProvider.Current.ToString(),
            ["ConnectionStrings:Sqlite"] = $"Data Source={DatabaseFile}",
            ["ConnectionStrings:PostgreSql"] = postgres,
            ["Seed:IncludeDemoData"] = IncludeDemoData ? "true" : "false",
            ["Serilog:WriteTo:1:Args:path"] = Path.Combine(LogFolder, "portal-.log"),
            ["Serilog:MinimumLevel:Default"] = "Information",
            // The suites sign in and open circuits far more often than people do, all from one address: budgets
            // out of reach here, small ones only in the tests of the limits themselves (through Settings).
            ["RateLimits:SignInPerAddress:PermitLimit"] = "1000000",
            ["RateLimits:SignInPerAccount:PermitLimit"] = "1000000",
            ["RateLimits:SignInPerAccountAndAddress:PermitLimit"] = "1000000",
            ["RateLimits:HubNegotiatePerAddress:PermitLimit"] = "1000000",
            ["RateLimits:PagesPerClient:PermitLimit"] = "1000000",
            ["Circuits:MaxPerUser"] = "1000",
        }).AddInMemoryCollection(Settings));
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (postgres is not null && !sharedFolder)
        {
            PostgresTestDatabases.DropAsync(postgres).GetAwaiter().GetResult();
        }
    }
}
