using Microsoft.Playwright;
using Sandviken.Strategy.Browser.Tests.Infrastructure;
using Sandviken.Strategy.Domain.Tests.Kolada;

namespace Sandviken.Strategy.Browser.Tests.Admin;

/// <summary>An administrator on a machine without internet imports Kolada's JSON from a file; the area page shows the values.</summary>
public sealed class KoladaImportTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Json = """
        {"count": 3, "values": [
          {"kpi": "N01951", "municipality": "2181", "period": 2022, "values": [{"gender": "T", "value": 39000.0, "status": "", "count": 1}]},
          {"kpi": "N01951", "municipality": "2181", "period": 2023, "values": [{"gender": "T", "value": 39250.0, "status": "", "count": 1}]},
          {"kpi": "N01951", "municipality": "2181", "period": 2024, "values": [{"gender": "T", "value": 39500.0, "status": "", "count": 1}]}
        ], "next_page": null, "previous_page": null}
        """;

    [Fact]
    public async Task Administrator_imports_a_Kolada_file_and_the_area_page_shows_the_latest_value_and_its_source()
    {
        var file = Path.Combine(Path.GetTempPath(), $"kolada-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, Json);
        var page = await browser.NewPageAsync();
        await SignIn.AsAsync(page, "admin@sandviken.example");
        await page.GotoAsync("/admin/kolada");
        await SignIn.WaitForInteractivityAsync(page);
        await Accessibility.AssertNoViolationsAsync(page);

        await page.GetByLabel("JSON-fil från Kolada").SetInputFilesAsync(file);

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Hämtningen är klar.");
        await Assertions.Expect(page.GetByText("Senaste hämtning:")).ToContainTextAsync("admin@sandviken.example");
        var area = await browser.NewPageAsync();
        await area.GotoAsync("/omraden/vaxa-for-framtiden");
        var ambition = area.GetByTestId("ambition").First;
        await Assertions.Expect(ambition).ToContainTextAsync("Senaste värde: 39 500 invånare (2024, hämtat");
        await Assertions.Expect(ambition).ToContainTextAsync("Källa: Kolada.");
        await Assertions.Expect(ambition).ToContainTextAsync("Takten mot målet kan inte beräknas: målbilden saknar målår.");
        await Accessibility.AssertNoViolationsAsync(area);
        File.Delete(file);
    }

    [Fact]
    public async Task A_malformed_file_is_refused_with_a_Swedish_message()
    {
        var file = Path.Combine(Path.GetTempPath(), $"kolada-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, "{ det här är inte json");
        var page = await browser.NewPageAsync();
        await SignIn.AsAsync(page, "admin@sandviken.example");
        await page.GotoAsync("/admin/kolada");
        await SignIn.WaitForInteractivityAsync(page);

        await page.GetByLabel("JSON-fil från Kolada").SetInputFilesAsync(file);

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Inget har sparats.");
        await Accessibility.AssertNoViolationsAsync(page);
        File.Delete(file);
    }
}

/// <summary>The portal with Kolada's address pointed at a local stub that answers with three years of inhabitants.</summary>
public sealed class KoladaStubFixture : BrowserFixture
{
    private const string Answer = """
        {"count": 2, "values": [
          {"kpi": "N01951", "municipality": "2181", "period": 2023, "values": [{"gender": "T", "value": 39350.0, "status": "", "count": 1}]},
          {"kpi": "N01951", "municipality": "2181", "period": 2024, "values": [{"gender": "T", "value": 39620.0, "status": "", "count": 1}]}
        ], "next_page": null, "previous_page": null}
        """;

    internal KoladaStub Stub { get; } = KoladaStub.Start(_ => StubReply.Json(Answer));

    public IReadOnlyList<string> StubRequests => Stub.Requests;

    public override async Task InitializeAsync()
    {
        Settings["Kolada:BaseAddress"] = Stub.BaseAddress.ToString();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Stub.DisposeAsync();
    }
}

/// <summary>An administrator fetches from Kolada's API on demand ("Hämta nu"); here the API is the local stub.</summary>
public sealed class KoladaFetchNowTests(KoladaStubFixture browser) : IClassFixture<KoladaStubFixture>
{
    [Fact]
    public async Task Administrator_fetches_now_and_the_area_page_shows_the_fetched_value()
    {
        var page = await browser.NewPageAsync();
        await SignIn.AsAsync(page, "admin@sandviken.example");
        await page.GotoAsync("/admin/kolada");
        await SignIn.WaitForInteractivityAsync(page);

        await page.GetByTestId("import-api").ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Hämtningen är klar.");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Kolada-id: N01951");
        Assert.Contains(browser.StubRequests, r => r.Contains("/data/kpi/", StringComparison.Ordinal) && r.Contains("municipality/2181", StringComparison.Ordinal));
        var area = await browser.NewPageAsync();
        await area.GotoAsync("/omraden/vaxa-for-framtiden");
        await Assertions.Expect(area.GetByTestId("ambition").First).ToContainTextAsync("Senaste värde: 39 620 invånare (2024, hämtat");
    }
}
