using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Api;

/// <summary>Every resource of /api/v1 against the seeded demo data, read from the database for the expectation.</summary>
public sealed class ApiResourceTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const int Year = 2026;

    [Fact]
    public async Task The_index_links_every_resource_absolutely_and_names_the_licence()
    {
        using var client = portal.CreateClient();

        var index = await client.GetJsonAsync("/api/v1");

        Assert.Equal("http://creativecommons.org/licenses/by/4.0/", index.Text("licence"));
        Assert.Equal("Sandvikens kommun", index.Text("publisher"));
        var links = index.GetProperty("links").EnumerateArray().ToDictionary(l => l.Text("rel"), l => l.Text("href"));
        foreach (var rel in new[] { "mandate-periods", "organisations", "plans", "decisions", "goals", "indicators", "follow-ups", "openapi", "documentation" })
        {
            Assert.True(links.TryGetValue(rel, out var href), rel);
            Assert.True(Uri.TryCreate(href, UriKind.Absolute, out var uri), href);
            using var linked = await client.GetAsync(uri!.PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        }
    }

    [Fact]
    public async Task Mandate_periods_hold_the_councils_areas_in_order_with_their_ambitions()
    {
        using var client = portal.CreateClient();

        var periods = await client.GetJsonAsync("/api/v1/mandate-periods");

        var period = periods.GetProperty("items").EnumerateArray().Single(p => p.Text("name") == "2023–2026");
        Assert.Equal(2023, period.Int("startYear"));
        Assert.Equal(2026, period.Int("endYear"));
        Assert.Equal("2023-02-20", period.Text("areasDecidedOn"));
        Assert.Equal(
            ["vaxa-for-framtiden", "minskad-klimatpaverkan", "utbildning-som-gor-skillnad", "en-kommun-att-trivas-i"],
            period.GetProperty("areas").EnumerateArray().Select(a => a.Text("slug")));
        var growth = period.GetProperty("areas")[0];
        Assert.Equal("Växa för framtiden", growth.Text("title"));
        Assert.Contains(growth.GetProperty("ambitions").EnumerateArray(), a => a.Text("text") == "50 000 invånare" && a.Text("koladaKpiId") == "N01951");

        var byId = await client.GetJsonAsync($"/api/v1/mandate-periods/{period.Int("id")}");
        Assert.Equal(period.ToString(), byId.ToString());
    }

    [Fact]
    public async Task Organisations_are_all_there_with_kind_codes_Swedish_labels_and_decided_years()
    {
        using var client = portal.CreateClient();
        await using var db = await portal.DbAsync();
        var expected = await db.Organisations.CountAsync();

        var list = await client.GetJsonAsync("/api/v1/organisations");

        Assert.Equal(expected, list.Int("totalCount"));
        Assert.Equal(expected, list.GetProperty("items").GetArrayLength());
        var committee = list.GetProperty("items").EnumerateArray().Single(o => o.Text("slug") == "kunskapsnamnden");
        Assert.Equal("Kunskapsnämnden", committee.Text("name"));
        Assert.Equal("committee", committee.Text("kind"));
        Assert.Equal("Nämnd", committee.Text("kindLabel"));
        Assert.Contains(Year, committee.GetProperty("decidedYears").EnumerateArray().Select(y => y.GetInt32()));
        Assert.Contains(list.GetProperty("items").EnumerateArray(), o => o.Text("kind") == "company" && o.Text("kindLabel") == "Kommunalt bolag");
    }

    [Fact]
    public async Task An_organisation_shows_each_year_with_its_April_and_September_decisions_and_plan()
    {
        using var client = portal.CreateClient();
        await using var db = await portal.DbAsync();
        var plan = await db.Plans.Where(p => p.Organisation.Slug == "kunskapsnamnden" && p.BudgetYear == Year)
            .Select(p => new { p.Id, Final = p.Decisions.Single(d => d.Kind == DecisionKind.Final) })
            .SingleAsync();

        var organisation = await client.GetJsonAsync("/api/v1/organisations/kunskapsnamnden");

        var year = organisation.GetProperty("years").EnumerateArray().Single(y => y.Int("budgetYear") == Year);
        Assert.Equal(plan.Id, year.Int("planId"));
        Assert.Equal("decided", year.GetProperty("final").Text("state"));
        Assert.Equal("Beslutad", year.GetProperty("final").Text("stateLabel"));
        Assert.Equal(plan.Final.Reference, year.GetProperty("final").Text("reference"));
        Assert.Equal(plan.Final.DecidedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), year.GetProperty("final").Text("decidedOn"));
        Assert.EndsWith($"/api/v1/plans/{plan.Id}", year.Text("plan"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plans_are_filtered_by_year_and_organisation_and_list_only_plans_with_a_decided_version()
    {
        using var client = portal.CreateClient();
        await using var db = await portal.DbAsync();
        var decidedOfYear = await db.Plans.CountAsync(p => p.BudgetYear == Year && p.Versions.Any());

        var ofYear = await client.GetAllPagesAsync($"/api/v1/plans?year={Year}");
        var ofOne = await client.GetJsonAsync($"/api/v1/plans?year={Year}&organisation=kunskapsnamnden");

        Assert.Equal(decidedOfYear, ofYear.Count);
        Assert.All(ofYear, p => Assert.Equal(Year, p.Int("budgetYear")));
        var only = Assert.Single(ofOne.GetProperty("items").EnumerateArray());
        Assert.Equal("kunskapsnamnden", only.Text("organisation"));
        Assert.Equal(1, ofOne.Int("totalCount"));
    }

    [Fact]
    public async Task A_plan_has_its_decisions_and_versions_with_the_stored_hashes()
    {
        using var client = portal.CreateClient();
        await using var db = await portal.DbAsync();
        var plan = await db.Plans.Where(p => p.Organisation.Slug == "kunskapsnamnden" && p.BudgetYear == Year)
            .Select(p => new
            {
                p.Id,
                Versions = p.Versions.OrderBy(v => v.Number).Select(v => new { v.Number, v.ContentSha256 }).ToList(),
                Decisions = p.Decisions.OrderBy(d => d.Id).Select(d => new { d.Id, d.Reference }).ToList(),
            })
            .SingleAsync();

        var answer = await client.GetJsonAsync($"/api/v1/plans/{plan.Id}");

        Assert.Equal(plan.Id, answer.Int("id"));
        Assert.Equal("final", answer.Text("status"));
        Assert.Equal("Fastställd", answer.Text("statusLabel"));
        Assert.Equal(plan.Versions.Select(v => (v.Number, v.ContentSha256)),
            answer.GetProperty("versions").EnumerateArray().Select(v => (v.Int("number"), v.Text("contentSha256"))));
        Assert.Equal(plan.Decisions.Select(d => (d.Id, d.Reference)),
            answer.GetProperty("decisions").EnumerateArray().Select(d => (d.Int("id"), d.Text("reference"))));
        Assert.Equal(plan.Versions[^1].Number, answer.Int("latestVersion"));
    }

    [Fact]
    public async Task A_version_holds_the_frozen_content_and_its_content_address_hashes_to_its_SHA_256()
    {
        using var client = portal.CreateClient();
        await using var db = await portal.DbAsync();
        var version = await db.PlanVersions.Where(v => v.Plan.Organisation.Slug == "kunskapsnamnden" && v.Plan.BudgetYear == Year && v.Number == 1)
            .Select(v => new { v.PlanId, v.Content, v.ContentSha256 })
            .SingleAsync();

        var answer = await client.GetJsonAsync($"/api/v1/plans/{version.PlanId}/versions/1");
        using var content = await client.GetAsync(new Uri(answer.Text("contentUrl")).PathAndQuery);
        var bytes = await content.Content.ReadAsByteArrayAsync();

        Assert.Equal(version.ContentSha256, answer.Text("contentSha256"));
        Assert.Equal("draft", answer.Text("kind"));
        Assert.Equal(1, answer.GetProperty("decision").Int("versionNumber"));
        Assert.Equal(PlanSnapshot.FromJson(version.Content).Goals.Select(g => g.Title),
            answer.GetProperty("content").GetProperty("goals").EnumerateArray().Select(g => g.Text("title")));
        Assert.Equal(version.ContentSha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    [Fact]
    public async Task Decisions_of_a_year_are_every_recorded_decision_of_that_year_oldest_first()
    {
        using var client = portal.CreateClient();
        await using var db = await portal.DbAsync();
        var expected = await db.Decisions.Where(d => d.Plan.BudgetYear == Year).Select(d => d.Id).ToListAsync();

        var decisions = await client.GetAllPagesAsync($"/api/v1/decisions?year={Year}&pageSize=7");

        Assert.Equal(expected.Order(), decisions.Select(d => d.Int("id")).Order());
        var dates = decisions.Select(d => d.Text("decidedOn")).ToList();
        Assert.Equal(dates.Order(StringComparer.Ordinal), dates);
        Assert.All(decisions, d => Assert.True(d.Text("kind") is "draft" or "final"));
    }

    [Fact]
    public async Task Goals_are_those_of_the_latest_decided_version_of_each_plan_and_filter_by_area()
    {
        using var client = portal.CreateClient();
        await using var db = await portal.DbAsync();
        var latest = await db.Plans.Where(p => p.BudgetYear == Year && p.Versions.Any())
            .Select(p => p.Versions.OrderByDescending(v => v.Number).Select(v => v.Content).First())
            .ToListAsync();
        var expected = latest.SelectMany(c => PlanSnapshot.FromJson(c).Goals).ToList();

        var goals = await client.GetAllPagesAsync($"/api/v1/goals?year={Year}&pageSize=11");
        var growth = await client.GetAllPagesAsync($"/api/v1/goals?year={Year}&area=vaxa-for-framtiden");

        Assert.Equal(expected.Select(g => g.GoalId).Order(), goals.Select(g => g.Int("id")).Order());
        Assert.Equal(expected.Count(g => g.Areas.Any(a => a.Slug == "vaxa-for-framtiden")), growth.Count);
        Assert.NotEmpty(growth);
        Assert.All(growth, g => Assert.Contains("vaxa-for-framtiden", g.GetProperty("areas").EnumerateArray().Select(a => a.Text("slug"))));
    }

    [Fact]
    public async Task Indicators_carry_their_decided_definition_and_values_with_source()
    {
        using var client = portal.CreateClient();
        await using var db = await portal.DbAsync();
        var measured = await db.Measurements.Where(m => m.Indicator.Goal.Plan.BudgetYear == Year)
            .Select(m => new { m.IndicatorId, m.Period, m.Value, m.Source })
            .ToListAsync();

        var indicators = await client.GetAllPagesAsync($"/api/v1/indicators?year={Year}&pageSize=200");

        Assert.NotEmpty(indicators);
        var withValues = indicators.Where(i => i.GetProperty("values").GetArrayLength() > 0).ToList();
        Assert.NotEmpty(withValues);
        foreach (var indicator in withValues)
        {
            var id = indicator.Int("id");
            Assert.Equal(
                measured.Where(m => m.IndicatorId == id).Select(m => (m.Period, m.Value, m.Source)).OrderBy(m => m.Period, StringComparer.Ordinal).ThenBy(m => m.Source, StringComparer.Ordinal),
                indicator.GetProperty("values").EnumerateArray().Select(v => (v.Text("period"), v.GetProperty("value").GetDecimal(), v.Text("source"))));
        }

        Assert.All(indicators, i => Assert.True(i.Text("direction") is "increase" or "decrease" or "maintain"));
    }

    [Fact]
    public async Task Follow_ups_are_the_assessment_that_counts_for_each_decided_goal()
    {
        using var client = portal.CreateClient();
        await using var db = await portal.DbAsync();
        var recorded = await db.FollowUps.Where(f => f.Goal.Plan.BudgetYear == 2025)
            .Select(f => new { f.GoalId, f.Point, f.Assessment })
            .ToListAsync();

        var followUps = await client.GetAllPagesAsync("/api/v1/follow-ups?year=2025");

        Assert.NotEmpty(followUps);
        foreach (var followUp in followUps)
        {
            var counting = recorded.Where(f => f.GoalId == followUp.Int("goalId")).MaxBy(f => f.Point)!;
            Assert.Equal(JsonNamingPolicy.CamelCase.ConvertName(counting.Point.ToString()), followUp.Text("point"));
            Assert.Equal(JsonNamingPolicy.CamelCase.ConvertName(counting.Assessment.ToString()), followUp.Text("assessment"));
        }

        Assert.Equal(followUps.Count, followUps.Select(f => f.Int("goalId")).Distinct().Count());
    }

    [Fact]
    public async Task Decision_status_of_a_year_gives_every_organisation_as_the_dashboard()
    {
        using var client = portal.CreateClient();
        var counts = Sandviken.Strategy.Domain.Tests.Infrastructure.DemoFacts.Cycle(Year, portal.Clock);

        var status = await client.GetJsonAsync($"/api/v1/years/{Year}/decision-status");

        Assert.Equal(Year, status.Int("budgetYear"));
        Assert.Equal(counts.DraftsDecided, status.Int("draftsDecided"));
        Assert.Equal(counts.FinalsDecided, status.Int("finalsDecided"));
        Assert.Equal(counts.FinalsOverdue, status.Int("finalsOverdue"));
        Assert.Equal(counts.Organisations, status.GetProperty("organisations").GetArrayLength());
        Assert.Equal(counts.FinalsDecided, status.GetProperty("organisations").EnumerateArray().Count(o => o.GetProperty("final").Text("state") == "decided"));
    }

    [Fact]
    public async Task Coverage_of_a_year_counts_decided_goals_per_organisation_and_area()
    {
        using var client = portal.CreateClient();

        var coverage = await client.GetJsonAsync($"/api/v1/years/{Year}/coverage");
        var goals = await client.GetAllPagesAsync($"/api/v1/goals?year={Year}&pageSize=200");

        Assert.Equal(4, coverage.GetProperty("areas").GetArrayLength());
        foreach (var area in coverage.GetProperty("areas").EnumerateArray())
        {
            Assert.Equal(goals.Count(g => g.GetProperty("areas").EnumerateArray().Any(a => a.Text("slug") == area.Text("slug"))), area.Int("goals"));
        }

        Assert.Equal(goals.Count, coverage.Int("grandTotal"));
        var row = coverage.GetProperty("organisations").EnumerateArray().Single(o => o.Text("organisation") == "kunskapsnamnden");
        Assert.Equal(goals.Count(g => g.Text("organisation") == "kunskapsnamnden"), row.Int("total"));
    }

    [Theory]
    [InlineData("/api/v1/years/2099/decision-status")]
    [InlineData("/api/v1/years/2099/coverage")]
    [InlineData("/api/v1/years/2099/goals.csv")]
    [InlineData("/api/v1/years/20x6/coverage")]
    [InlineData("/api/v1/plans/987654")]
    [InlineData("/api/v1/plans/1/versions/99")]
    [InlineData("/api/v1/mandate-periods/987654")]
    [InlineData("/api/v1/organisations/finns-inte")]
    [InlineData("/api/v1/finns-inte")]
    [InlineData("/api/v2/plans")]
    [InlineData("/api")]
    public async Task Unknown_resources_are_404_problems_in_Swedish_not_the_sites_page(string address)
    {
        using var client = portal.CreateClient();

        using var response = await client.GetAsync(address);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, problem.Int("status"));
        Assert.Equal("Resursen finns inte", problem.Text("title"));
        Assert.StartsWith("https://", problem.Text("type"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(problem.Text("detail")));
    }
}
