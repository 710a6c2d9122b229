using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Sandviken.Strategy.Web.Api;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Api;

/// <summary>/openapi/v1.json read back with Microsoft.OpenApi's own reader, the page /oppna-data, and the goals CSV's shape.</summary>
public sealed class OpenApiAndDocsTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private async Task<(OpenApiDocument Document, OpenApiDiagnostic Diagnostic)> ReadOpenApiAsync()
    {
        using var client = portal.CreateClient();
        using var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var result = await OpenApiDocument.LoadAsync(stream, "json", new OpenApiReaderSettings());
        return (result.Document ?? throw new InvalidOperationException("The document did not load."), result.Diagnostic!);
    }

    [Fact]
    public async Task The_OpenAPI_document_reads_without_errors_or_warnings_and_describes_the_API_in_Swedish()
    {
        var (document, diagnostic) = await ReadOpenApiAsync();

        Assert.Empty(diagnostic.Errors);
        Assert.Empty(diagnostic.Warnings);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic.SpecificationVersion);
        Assert.Equal("Sandvikens strategiska mål – öppna data", document.Info.Title);
        Assert.Contains("beslutade mål", document.Info.Description, StringComparison.Ordinal);
        Assert.Equal(new Uri("http://creativecommons.org/licenses/by/4.0/"), document.Info.License?.Url);
        // The document validates against the rules of the specification too.
        Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? []);
    }

    [Fact]
    public async Task Every_API_route_and_nothing_else_is_in_the_OpenAPI_document()
    {
        var (document, _) = await ReadOpenApiAsync();
        var routes = ApiDocumentation.Endpoints(portal.Services.GetRequiredService<EndpointDataSource>()).Select(e => e.Path).ToList();

        Assert.Equal(16, routes.Count);
        Assert.Equal(routes.Order(StringComparer.Ordinal), document.Paths.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_operation_has_a_summary_a_description_parameters_an_answer_schema_and_problem_answers()
    {
        var (document, _) = await ReadOpenApiAsync();

        foreach (var (path, item) in document.Paths)
        {
            var operation = Assert.Single(item.Operations!).Value;
            Assert.False(string.IsNullOrWhiteSpace(operation.Summary), path);
            Assert.False(string.IsNullOrWhiteSpace(operation.Description), path);
            var ok = operation.Responses!["200"];
            Assert.NotNull(Assert.Single(ok.Content!).Value.Schema);
            Assert.Contains("application/problem+json", operation.Responses["405"].Content!.Keys);
            Assert.True(operation.Responses.ContainsKey("304"), path);
            foreach (var segment in path.Split('/').Where(s => s.StartsWith('{')))
            {
                var parameter = Assert.Single(operation.Parameters!, p => p.Name == segment.Trim('{', '}'));
                Assert.Equal(ParameterLocation.Path, parameter.In);
                Assert.False(string.IsNullOrWhiteSpace(parameter.Description), $"{path} {segment}");
            }

            Assert.True(!path.Contains('{', StringComparison.Ordinal) || operation.Responses.ContainsKey("404"), path);
        }

        var goals = document.Paths["/api/v1/goals"].Operations![HttpMethod.Get];
        Assert.Equal(["area", "organisation", "page", "pageSize", "year"], goals.Parameters!.Where(p => p.In == ParameterLocation.Query).Select(p => p.Name!).Order(StringComparer.Ordinal));
        Assert.True(goals.Responses!.ContainsKey("400"));
        Assert.Equal("200", goals.Parameters!.Single(p => p.Name == "pageSize").Schema!.Maximum);
        var year = document.Paths["/api/v1/years/{year}/coverage"].Operations![HttpMethod.Get].Parameters!.Single(p => p.Name == "year");
        Assert.Equal("^[1-9][0-9]{3}$", year.Schema!.Pattern);
        Assert.Contains("text/csv", document.Paths["/api/v1/years/{year}/goals.csv"].Operations![HttpMethod.Get].Responses!["200"].Content!.Keys.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_documentation_page_lists_every_OpenAPI_path_with_an_example_and_links_the_licence_the_document_and_the_feeds()
    {
        var (document, _) = await ReadOpenApiAsync();
        using var client = portal.CreateClient();

        using var response = await client.GetAsync("/oppna-data");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        HtmlAssert.ContainsText("Öppna data", html);
        foreach (var path in document.Paths.Keys)
        {
            HtmlAssert.ContainsText($"GET {path}", html);
        }

        foreach (var example in ApiDocumentation.Endpoints(portal.Services.GetRequiredService<EndpointDataSource>()).Select(e => e.Doc.Example))
        {
            Assert.Contains($"href=\"{WebUtility.HtmlEncode(example)}\"", html, StringComparison.Ordinal);
            using var answer = await client.GetAsync(example);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }

        Assert.Contains("href=\"/openapi/v1.json\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"http://creativecommons.org/licenses/by/4.0/\"", html, StringComparison.Ordinal);
        HtmlAssert.ContainsText("Flöden och katalog", html);
        foreach (var feed in new[] { "/floden/beslut.atom", "/floden/planering.ics", "/datasets/dcat" })
        {
            Assert.Contains($"href=\"{feed}\"", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Every_public_page_links_the_documentation_from_its_footer()
    {
        using var client = portal.CreateClient();

        var html = await client.GetStringAsync("/");

        Assert.Contains("href=\"/oppna-data\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_goals_CSV_has_a_row_per_decided_goal_and_indicator_with_the_BOM_semicolons_and_a_Källa_column()
    {
        using var client = portal.CreateClient();
        var goals = await client.GetAllPagesAsync("/api/v1/goals?year=2026&pageSize=200");

        using var response = await client.GetAsync("/api/v1/years/2026/goals.csv");
        var rows = CsvReader.Rows(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("mal-2026.csv", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal(GoalsCsv.Header, rows[0]);
        Assert.Equal(goals.Sum(g => Math.Max(1, g.GetProperty("indicators").GetArrayLength())), rows.Count - 1);
        Assert.All(rows.Skip(1), r => Assert.Equal("2026", r[0]));
        Assert.Equal(goals.Select(g => g.Int("id").ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal),
            rows.Skip(1).Select(r => r[5]).Distinct().Order(StringComparer.Ordinal));
    }
}
