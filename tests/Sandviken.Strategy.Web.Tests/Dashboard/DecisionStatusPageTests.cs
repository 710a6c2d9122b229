using System.Net;
using System.Text;
using Sandviken.Strategy.Domain.Tests.Infrastructure;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Dashboard;

public sealed class DecisionStatusPageTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private readonly HttpClient client = portal.CreateClient();

    [Fact]
    public async Task The_dashboard_shows_every_organisation_with_status_words_counts_and_coverage()
    {
        var html = await client.GetPageAsync("/beslutsstatus");

        HtmlAssert.IsAccessibleStaticPage(html);
        HtmlAssert.ContainsText("Beslutsstatus för budgetår 2026", html);
        var demo = DemoFacts.Cycle(2026, portal.Clock);
        HtmlAssert.ContainsText($"Utkast (april): {demo.DraftsDecided} av {demo.Organisations} beslutade, {Overdue(demo.DraftsOverdue)}", html);
        HtmlAssert.ContainsText($"Slutgiltigt beslut (september): {demo.FinalsDecided} av {demo.Organisations} beslutade, {Overdue(demo.FinalsOverdue)}", html);
        HtmlAssert.ContainsText("Överförmyndarnämnden i Västra Gästrikland Nämnd Försenad Försenad", html);
        HtmlAssert.ContainsText("Kunskapsnämnden Nämnd Beslutad 22 april 2025", html);
        HtmlAssert.ContainsText("Träffbild för budgetår 2026", html);
        HtmlAssert.ContainsText("Överförmyndarnämnden i Västra Gästrikland (ingen beslutad plan) – saknas – saknas – saknas – saknas 0", html);
        Assert.Contains("href=\"/organisationer/kunskapsnamnden/2026#version-2\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_companies_filter_is_a_bookmarkable_address()
    {
        var html = await client.GetPageAsync("/beslutsstatus?ar=2026&visa=bolag");

        HtmlAssert.ContainsText("Sandviken Energi AB", html);
        HtmlAssert.LacksText("Kunskapsnämnden", html);
        HtmlAssert.ContainsText("Uppföljning per strategiskt område, budgetår 2026, bolagens mål", html);
        Assert.Contains("aria-current=\"page\">Bolag</a>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/beslutsstatus.csv?ar=2026&amp;visa=bolag\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/beslutsstatus?ar=tjugo", HttpStatusCode.BadRequest, "Felaktig adress")]
    [InlineData("/beslutsstatus?visa=alla-utom-en", HttpStatusCode.BadRequest, "Felaktig adress")]
    [InlineData("/beslutsstatus?ar=2031", HttpStatusCode.NotFound, "Sidan hittades inte")]
    public async Task Bad_dashboard_addresses_give_Swedish_error_pages(string url, HttpStatusCode status, string heading)
    {
        var html = await client.GetPageAsync(url, status);

        HtmlAssert.ContainsText(heading, html);
    }

    [Fact]
    public async Task The_csv_has_a_header_and_one_row_per_organisation_for_Swedish_spreadsheets()
    {
        using var response = await client.GetAsync("/beslutsstatus.csv?ar=2026&visa=bolag");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("beslutsstatus-2026-bolag.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.StartsWith("Budgetår;Nämnd eller bolag;Typ;Utkast: status", lines[0], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length);
        Assert.Contains("2026;Sandviken Energi AB;Kommunalt bolag;Beslutad;2025-04-25;Styrelsen för Sandviken Energi AB;§ 12;1;Försenad;;;;", lines);
    }

    [Theory]
    [InlineData("/beslutsstatus.csv?ar=abc", HttpStatusCode.BadRequest)]
    [InlineData("/beslutsstatus.csv?ar=2031", HttpStatusCode.NotFound)]
    public async Task Bad_csv_addresses_are_refused_in_Swedish(string url, HttpStatusCode status)
    {
        using var response = await client.GetAsync(url);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains("budgetår", (await response.Content.ReadAsStringAsync()).ToLowerInvariant(), StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_cells_that_look_like_formulas_or_hold_separators_are_neutralised()
    {
        var model = new Sandviken.Strategy.Domain.Dashboard.DecisionStatusModel(2026, [2026], new(2025, 4, 30), new(2025, 9, 30),
            Sandviken.Strategy.Domain.Dashboard.OrganisationFilter.All,
            [new("x", "=HYPERLINK(\"x\";\"y\")", Sandviken.Strategy.Domain.Organisations.OrganisationKind.Committee,
                new(Sandviken.Strategy.Domain.Planning.DecisionState.Decided, new(2025, 4, 1), "Nämnd; med semikolon", "§ 1", 1),
                new(Sandviken.Strategy.Domain.Planning.DecisionState.NotDecided, null, null, null, null))]);

        var row = DecisionStatusCsv.Write(model).Split("\r\n")[1];

        Assert.StartsWith("2026;\"'=HYPERLINK(\"\"x\"\";\"\"y\"\")\";Nämnd;Beslutad;2025-04-01;\"Nämnd; med semikolon\";§ 1;1;Ej beslutad", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_area_page_shows_its_own_column_of_the_coverage()
    {
        var html = await client.GetPageAsync("/omraden/utbildning-som-gor-skillnad?ar=2026");

        HtmlAssert.ContainsText("Träffbild: antal mål per nämnd och bolag för området, budgetår 2026", html);
        HtmlAssert.ContainsText("Kunskapsnämnden 3", html);
        HtmlAssert.ContainsText("Kommunstyrelsen – saknas", html);
    }

    private static string Overdue(int count) => count == 1 ? "1 försenad" : $"{count} försenade";
}
