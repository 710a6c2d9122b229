using System.Security.Claims;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Access;
using Sandviken.Strategy.Domain.Kolada;
using Sandviken.Strategy.Domain.Tests.Infrastructure;
using Sandviken.Strategy.Domain.Users;

namespace Sandviken.Strategy.Domain.Tests.Kolada;

/// <summary>The importer against a local stub in Kolada's shape (never the internet) and a real SQLite database.</summary>
public sealed class KoladaImporterTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private Services services = null!;
    private ClaimsPrincipal admin = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateSeededAsync();
        services = new Services(database);
        admin = await database.CreateAsync("admin@test", Roles.Administrator);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task An_import_stores_the_values_of_every_indicator_and_ambition_with_a_Kolada_id()
    {
        await using var stub = KoladaStub.Start(_ => StubReply.Fixture("single-page.json"));

        var result = await Importer(stub).ImportFromApiAsync(admin);

        Assert.Equal(["N00401", "N01951"], result.KpiIds);
        var request = Assert.Single(stub.Requests);
        Assert.Contains("data/kpi/N00401,N01951/municipality/2181/year/", request, StringComparison.Ordinal);
        await using var db = database.CreateDbContext();
        var inhabitants = await db.AmbitionMeasurements.Where(m => m.AreaAmbition.KoladaKpiId == "N01951").OrderBy(m => m.Period).ToListAsync();
        Assert.Equal([("2023", 39300m), ("2024", 39500m)], inhabitants.Select(m => (m.Period, m.Value)));
        Assert.All(inhabitants, m => Assert.Equal(("Kolada", database.Clock.GetUtcNow().UtcDateTime), (m.Source, m.FetchedAtUtc)));
        var indicatorValues = await db.Measurements.Where(m => m.Source == "Kolada" && m.Indicator.KoladaKpiId == "N01951").CountAsync();
        Assert.Equal(2 * await db.Indicators.CountAsync(i => i.KoladaKpiId == "N01951"), indicatorValues);
        Assert.Equal(result.Added, await db.AmbitionMeasurements.CountAsync() + await db.Measurements.CountAsync(m => m.Source == "Kolada"));
        Assert.Equal("Kolada.Import", (await db.AuditEntries.OrderBy(a => a.Id).LastAsync()).Action);
    }

    [Fact]
    public async Task A_second_import_of_the_same_values_adds_and_changes_nothing()
    {
        await using var stub = KoladaStub.Start(_ => StubReply.Fixture("single-page.json"));
        var first = await Importer(stub).ImportFromApiAsync(admin);

        var second = await Importer(stub).ImportFromApiAsync(admin);

        Assert.True(first.Added > 0);
        Assert.Equal((0, 0), (second.Added, second.Updated));
    }

    [Fact]
    public async Task Years_without_data_are_reported_not_stored()
    {
        await using var stub = KoladaStub.Start(_ => StubReply.Fixture("with-gaps.json"));

        var result = await Importer(stub).ImportFromApiAsync(admin);

        Assert.NotEmpty(result.Missing);
        Assert.Contains("Kolada saknar värde för", result.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500, "{}")]
    [InlineData(200, "{ inte json")]
    [InlineData(200, "{\"values\": 5}")]
    public async Task A_failing_answer_stores_nothing_at_all(int status, string body)
    {
        await using var stub = KoladaStub.Start(_ => new StubReply(status, body));

        await Assert.ThrowsAsync<KoladaException>(() => Importer(stub).ImportFromApiAsync(admin));

        await using var db = database.CreateDbContext();
        Assert.False(await db.Measurements.AnyAsync(m => m.Source == "Kolada"));
        Assert.False(await db.AmbitionMeasurements.AnyAsync());
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "Kolada.Import"));
    }

    [Fact]
    public async Task A_second_page_that_fails_stores_nothing_of_the_first()
    {
        await using var stub = KoladaStub.Start(url => url.Contains("page=2", StringComparison.Ordinal) || url.Contains("sida2", StringComparison.Ordinal)
            ? new StubReply(503, "{}")
            : StubReply.Fixture("page-1.json"));

        await Assert.ThrowsAsync<KoladaException>(() => Importer(stub).ImportFromApiAsync(admin));

        Assert.Equal(2, stub.Requests.Count);
        await using var db = database.CreateDbContext();
        Assert.False(await db.AmbitionMeasurements.AnyAsync());
    }

    [Fact]
    public async Task A_file_in_Koladas_shape_is_imported_for_this_municipality_only()
    {
        var json = await File.ReadAllTextAsync(StubReply.FixturePath("single-page.json"));
        var otherMunicipality = json.Replace("\"2181\"", "\"0180\"", StringComparison.Ordinal);
        var importer = Importer(null);

        var ours = await importer.ImportFromFileAsync(admin, new MemoryStream(Encoding.UTF8.GetBytes(json)));
        var theirs = await importer.ImportFromFileAsync(admin, new MemoryStream(Encoding.UTF8.GetBytes(otherMunicipality)));

        Assert.True(ours.Added > 0);
        Assert.Equal(0, theirs.Added + theirs.Updated);
        Assert.Equal("Svaret innehöll inga värden för kommunen och de Kolada-id som används (N00401, N01951). Inget har ändrats.", theirs.Summary);
    }

    [Fact]
    public async Task A_file_with_the_same_year_twice_or_a_key_figure_not_in_use_still_imports_cleanly()
    {
        const string Json = """
            {"count": 3, "values": [
              {"kpi": "N01951", "municipality": "2181", "period": 2024, "values": [{"gender": "T", "value": 39400.0}]},
              {"kpi": "N01951", "municipality": "2181", "period": 2024, "values": [{"gender": "T", "value": 39500.0}]},
              {"kpi": "N99999", "municipality": "2181", "period": 2024, "values": [{"gender": "T", "value": 1.0}]}
            ]}
            """;

        var result = await Importer(null).ImportFromFileAsync(admin, new MemoryStream(Encoding.UTF8.GetBytes(Json)));

        await using var db = database.CreateDbContext();
        var stored = await db.AmbitionMeasurements.SingleAsync();
        Assert.Equal(("2024", 39500m), (stored.Period, stored.Value));
        Assert.Equal(["N01951"], result.KpiIds);
        Assert.Equal($"Nya värden: {result.Added}. Ändrade värden: 0. Kolada-id: N01951.", result.Summary);
    }

    public enum NonAdministrator
    {
        Anonymous,
        Official,
        Politician,
        Secretary,
        DeactivatedAdministrator,
        SecretaryClaimingAdministrator,
        UnknownUserClaimingAdministrator,
    }

    public static TheoryData<NonAdministrator> EveryNonAdministrator => [.. Enum.GetValues<NonAdministrator>()];

    [Theory]
    [MemberData(nameof(EveryNonAdministrator))]
    public async Task Every_non_administrator_is_refused_both_imports_and_the_overview(NonAdministrator who)
    {
        var user = await NonAdministratorAsync(who);
        await using var stub = KoladaStub.Start(_ => StubReply.Fixture("single-page.json"));
        var file = await File.ReadAllBytesAsync(StubReply.FixturePath("single-page.json"));

        await Assert.ThrowsAsync<AccessDeniedException>(() => Importer(stub).ImportFromApiAsync(user));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Importer(stub).ImportFromFileAsync(user, new MemoryStream(file)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Importer(stub).ReadOverviewAsync(user));

        Assert.Empty(stub.Requests);
        await using var db = database.CreateDbContext();
        Assert.False(await db.AmbitionMeasurements.AnyAsync());
        Assert.False(await db.Measurements.AnyAsync(m => m.Source == "Kolada"));
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "Kolada.Import"));
        Assert.Equal(3, services.Log.Entries.Count(e => e.Message.StartsWith("Refused", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_administrator_reads_the_overview_with_the_key_figures_in_use_and_the_latest_import()
    {
        await using var stub = KoladaStub.Start(_ => StubReply.Fixture("single-page.json"));
        var before = await Importer(stub).ReadOverviewAsync(admin);

        await Importer(stub).ImportFromApiAsync(admin);
        var after = await Importer(stub).ReadOverviewAsync(admin);

        Assert.Equal(["N00401", "N01951"], before.Kpis.Select(k => k.Kpi));
        Assert.Null(before.LastImport);
        Assert.Equal(("admin@test", database.Clock.GetUtcNow().UtcDateTime), (after.LastImport?.User, after.LastImport?.AtUtc));
    }

    private async Task<ClaimsPrincipal> NonAdministratorAsync(NonAdministrator who)
    {
        switch (who)
        {
            case NonAdministrator.Anonymous:
                return TestUsers.Anonymous;
            case NonAdministrator.Official:
                return await database.CreateAsync("tjansteperson@test", Roles.Official);
            case NonAdministrator.Politician:
                return await database.CreateAsync("politiker@test", Roles.Politician);
            case NonAdministrator.Secretary:
                return await database.CreateAsync("sekreterare@test", Roles.Secretary, "kommunstyrelsen");
            case NonAdministrator.DeactivatedAdministrator:
                var former = await database.CreateAsync("slutat@test", Roles.Administrator);
                await database.DeactivateAsync(former);
                return former;
            case NonAdministrator.SecretaryClaimingAdministrator:
                var secretary = await database.CreateAsync("sekreterare@test", Roles.Secretary, "kommunstyrelsen");
                return TestUsers.PrincipalOf(secretary.FindFirstValue(ClaimTypes.NameIdentifier)!, "sekreterare@test", new Claim(ClaimTypes.Role, Roles.Administrator));
            default:
                return TestUsers.PrincipalOf(Guid.NewGuid().ToString(), "ingen@test", new Claim(ClaimTypes.Role, Roles.Administrator));
        }
    }

    private KoladaImporter Importer(KoladaStub? stub)
    {
        var options = new KoladaOptions { BaseAddress = stub?.BaseAddress ?? new Uri("http://127.0.0.1:9/"), Timeout = TimeSpan.FromSeconds(5) };
        return new KoladaImporter(database, services.Actors, database.Clock, options, () =>
        {
            var http = new HttpClient();
            KoladaClient.Configure(http, options);
            return new KoladaClient(http);
        });
    }
}
