using Microsoft.Playwright;
using Sandviken.Strategy.Browser.Tests.Infrastructure;

namespace Sandviken.Strategy.Browser.Tests.Dashboard;

public sealed class PoliticianDashboardTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_politician_filters_the_dashboard_to_companies_sees_an_overdue_one_and_downloads_the_csv()
    {
        var page = await browser.NewPageAsync();
        await SignIn.AsAsync(page, "politiker@sandviken.example");

        await page.GetByRole(AriaRole.Link, new() { Name = "Beslutsstatus" }).ClickAsync();
        await page.WaitForURLAsync("**/beslutsstatus");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Beslutsstatus för budgetår 2026");
        await Accessibility.AssertNoViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Bolag", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/beslutsstatus?ar=2026&visa=bolag");
        var energy = page.GetByTestId("decision-status").GetByRole(AriaRole.Row).Filter(new() { HasText = "Sandviken Energi AB" });
        await Assertions.Expect(energy).ToContainTextAsync("Försenad");
        await Assertions.Expect(page.GetByTestId("decision-status").GetByRole(AriaRole.Row).Filter(new() { HasText = "Kunskapsnämnden" })).ToHaveCountAsync(0);
        await Accessibility.AssertNoViolationsAsync(page);

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Ladda ned tabellen som CSV-fil" }).ClickAsync());
        Assert.Equal("beslutsstatus-2026-bolag.csv", download.SuggestedFilename);
        var path = await download.PathAsync();
        var lines = await File.ReadAllLinesAsync(path);
        Assert.Equal(4, lines.Length);
        Assert.Contains(lines, l => l.Contains("Sandviken Energi AB", StringComparison.Ordinal) && l.EndsWith("Försenad;;;;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_area_page_with_its_coverage_column_has_no_accessibility_violations()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/omraden/en-kommun-att-trivas-i?ar=2026");

        await Assertions.Expect(page.GetByTestId("area-coverage")).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page);
    }
}
