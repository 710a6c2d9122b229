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

    public static TheoryData<string, string, string> RowsBreakingTheRules => new()
    {
        { "2024", "100000000000000", "N01951 år 2024: Värdet får ha högst 14 siffror före decimaltecknet och högst 4 decimaler." },
        { "2024", "-100000000000000", "N01951 år 2024: Värdet får ha högst 14 siffror före decimaltecknet och högst 4 decimaler." },
        { "2024", "12.34567", "N01951 år 2024: Värdet får ha högst 14 siffror före decimaltecknet och högst 4 decimaler." },
        { "2024", "79228162514264337593543950335", "N01951 år 2024: Värdet får ha högst 14 siffror före decimaltecknet och högst 4 decimaler." },
        { "2099", "1", "N01951 år 2099: året ska vara mellan 1900 och 2026." },
        { "2027", "1", "N01951 år 2027: året ska vara mellan 1900 och 2026." },
        { "1899", "1", "N01951 år 1899: året ska vara mellan 1900 och 2026." },
        { "1", "1", "N01951 år 1: året ska vara mellan 1900 och 2026." },
        { "-5", "1", "N01951 år -5: året ska vara mellan 1900 och 2026." },
    };

    [Theory]
    [MemberData(nameof(RowsBreakingTheRules))]
    public async Task A_file_with_one_row_breaking_the_rules_of_manual_entry_stores_nothing_at_all(string period, string value, string problem)
    {
        var json = $$"""
            {"values": [
              {"kpi": "N01951", "municipality": "2181", "period": 2023, "values": [{"gender": "T", "value": 39300.0}]},
              {"kpi": "N01951", "municipality": "2181", "period": {{period}}, "values": [{"gender": "T", "value": {{value}}}]}
            ]}
            """;

        var error = await Assert.ThrowsAsync<KoladaException>(() => Importer(null).ImportFromFileAsync(admin, Stream(json)));

        Assert.Equal($"Inget har ändrats: 1 värde i svaret går inte att lagra. {problem}", error.Message);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task An_answer_from_the_API_is_held_to_the_same_rules()
    {
        await using var stub = KoladaStub.Start(_ => StubReply.Json("""
            {"values": [
              {"kpi": "N01951", "municipality": "2181", "period": 2024, "values": [{"gender": "T", "value": 39500.0}]},
              {"kpi": "N00401", "municipality": "2181", "period": 2024, "values": [{"gender": "T", "value": 3.123456}]},
              {"kpi": "N01951", "municipality": "2181", "period": 55891, "values": [{"gender": "T", "value": 1}]}
            ], "next_page": null}
            """));

        var error = await Assert.ThrowsAsync<KoladaException>(() => Importer(stub).ImportFromApiAsync(admin));

        Assert.Equal(
            "Inget har ändrats: 2 värden i svaret går inte att lagra. N01951 år 55891: året ska vara mellan 1900 och 2026. "
            + "N00401 år 2024: Värdet får ha högst 14 siffror före decimaltecknet och högst 4 decimaler.",
            error.Message);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Many_broken_rows_are_summed_up_after_the_first_five()
    {
        var rows = Enumerable.Range(2090, 8).Select(year =>
            $$"""{"kpi": "N01951", "municipality": "2181", "period": {{year}}, "values": [{"gender": "T", "value": 1}]}""");

        var error = await Assert.ThrowsAsync<KoladaException>(() =>
            Importer(null).ImportFromFileAsync(admin, Stream($$"""{"values": [{{string.Join(",", rows)}}]}""")));

        Assert.StartsWith("Inget har ändrats: 8 värden i svaret går inte att lagra. N01951 år 2090: ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("N01951 år 2094: året ska vara mellan 1900 och 2026. Och 3 till.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Values_at_the_limits_of_the_rules_are_imported_exactly()
    {
        const string Json = """
            {"values": [
              {"kpi": "N01951", "municipality": "2181", "period": 1900, "values": [{"gender": "T", "value": 99999999999999.9999}]},
              {"kpi": "N01951", "municipality": "2181", "period": 2026, "values": [{"gender": "T", "value": -99999999999999.9999}]},
              {"kpi": "N01951", "municipality": "2181", "period": 2025, "values": [{"gender": "T", "value": 0.0001}]}
            ]}
            """;

        await Importer(null).ImportFromFileAsync(admin, Stream(Json));

        await using var db = database.CreateDbContext();
        var stored = await db.AmbitionMeasurements.OrderBy(m => m.Period).Select(m => new { m.Period, m.Value }).ToListAsync();
        Assert.Equal([("1900", 99_999_999_999_999.9999m), ("2025", 0.0001m), ("2026", -99_999_999_999_999.9999m)], stored.Select(m => (m.Period, m.Value)));
    }

    [Theory]
    [InlineData(5000, true)]
    [InlineData(5001, false)]
    public async Task A_file_with_more_rows_for_the_municipality_than_the_cap_is_refused_whole(int rows, bool accepted)
    {
        // The same value again and again: within the rules, so only the number of rows can refuse it.
        var row = """{"kpi": "N01951", "municipality": "2181", "period": 2024, "values": [{"gender": "T", "value": 39500.0}]}""";
        var json = $$"""{"values": [{{string.Join(",", Enumerable.Repeat(row, rows))}}]}""";

        var import = Importer(null).ImportFromFileAsync(admin, Stream(json));

        if (accepted)
        {
            await import;
            await using var db = database.CreateDbContext();
            var stored = await db.AmbitionMeasurements.SingleAsync();
            Assert.Equal(("2024", 39500m), (stored.Period, stored.Value));
        }
        else
        {
            var error = await Assert.ThrowsAsync<KoladaException>(() => import);
            Assert.Equal("Svaret innehåller fler än 5 000 värden för kommunen, mer än en hämtning får lagra. Inget har ändrats. Hämta färre nyckeltal eller år åt gången.", error.Message);
            await AssertNothingStoredAsync();
        }
    }

    [Fact]
    public async Task The_cap_counts_only_the_municipalitys_rows_and_is_configurable()
    {
        // Other municipalities' rows (a file saved for the whole county) are ignored, not counted.
        var ours = Enumerable.Range(2022, 3).Select(year =>
            $$"""{"kpi": "N01951", "municipality": "2181", "period": {{year}}, "values": [{"gender": "T", "value": 1}]}""");
        var theirs = Enumerable.Range(0, 50).Select(i =>
            $$"""{"kpi": "N01951", "municipality": "{{(1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)}}", "period": 2024, "values": [{"gender": "T", "value": 1}]}""");
        var json = $$"""{"values": [{{string.Join(",", ours.Concat(theirs))}}]}""";

        var result = await Importer(null, maxRows: 3).ImportFromFileAsync(admin, Stream(json));
        var error = await Assert.ThrowsAsync<KoladaException>(() => Importer(null, maxRows: 2).ImportFromFileAsync(admin, Stream(json)));

        Assert.Equal(3 * (1 + await IndicatorsMeasuringAsync("N01951")), result.Added);
        Assert.StartsWith("Svaret innehåller fler än 2 värden för kommunen", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cap_stops_an_API_import_at_the_page_that_passes_it()
    {
        await using var stub = KoladaStub.Start(url => StubReply.Fixture(url.Contains("page=2", StringComparison.Ordinal) ? "page-2.json" : "page-1.json"));

        var error = await Assert.ThrowsAsync<KoladaException>(() => Importer(stub, maxRows: 2).ImportFromApiAsync(admin));

        Assert.StartsWith("Svaret innehåller fler än 2 värden för kommunen", error.Message, StringComparison.Ordinal);
        Assert.Single(stub.Requests);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Rows_for_another_municipality_in_an_API_answer_are_not_stored_as_ours()
    {
        await using var stub = KoladaStub.Start(_ => StubReply.Json("""
            {"values": [
              {"kpi": "N01951", "municipality": "2181", "period": 2024, "values": [{"gender": "T", "value": 39500.0}]},
              {"kpi": "N01951", "municipality": "0180", "period": 2023, "values": [{"gender": "T", "value": 990000.0}]}
            ], "next_page": null}
            """));

        await Importer(stub).ImportFromApiAsync(admin);

        await using var db = database.CreateDbContext();
        var stored = await db.AmbitionMeasurements.SingleAsync();
        Assert.Equal(("2024", 39500m), (stored.Period, stored.Value));
    }

    private static MemoryStream Stream(string json) => new(Encoding.UTF8.GetBytes(json));

    private async Task<int> IndicatorsMeasuringAsync(string kpi)
    {
        await using var db = database.CreateDbContext();
        return await db.Indicators.CountAsync(i => i.KoladaKpiId == kpi);
    }

    private async Task AssertNothingStoredAsync()
    {
        await using var db = database.CreateDbContext();
        Assert.False(await db.Measurements.AnyAsync(m => m.Source == "Kolada"));
        Assert.False(await db.AmbitionMeasurements.AnyAsync());
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "Kolada.Import"));
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

    private KoladaImporter Importer(KoladaStub? stub, int maxRows = KoladaOptions.DefaultMaxRowsPerImport)
    {
        var options = new KoladaOptions
        {
            BaseAddress = stub?.BaseAddress ?? new Uri("http://127.0.0.1:9/"),
            Timeout = TimeSpan.FromSeconds(5),
            MaxRowsPerImport = maxRows,
        };
        return new KoladaImporter(database, services.Actors, database.Clock, options, () =>
        {
            var http = new HttpClient();
            KoladaClient.Configure(http, options);
            return new KoladaClient(http);
        });
    }
}
