using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Kolada;
using Sandviken.Strategy.Domain.Plans;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Api;

/// <summary>
/// What the domain services write reaches the API after the cache held the old answer; what the working copy holds
/// and no decision froze never does.
/// </summary>
public sealed class ApiWriteTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_goal_changed_or_added_in_the_working_copy_after_the_decision_is_not_in_the_API()
    {
        using var client = portal.CreateClient();
        await using var scope = portal.Services.CreateAsyncScope();
        var admin = await Browserless.PrincipalOfAsync(scope, "admin@sandviken.example");
        await using var db = await portal.DbAsync();
        var plan = await db.Plans.Where(p => p.Organisation.Slug == "kunskapsnamnden" && p.BudgetYear == 2026).Select(p => new { p.Id, p.OrganisationId }).SingleAsync();
        var goal = await db.Goals.AsNoTracking().Include(g => g.Areas).Include(g => g.Indicators).Where(g => g.PlanId == plan.Id).OrderBy(g => g.SortOrder).FirstAsync();
        var before = await client.GetJsonAsync($"/api/v1/plans/{plan.Id}");

        // Reopened (public: the status changes), then edited in the working copy: nothing of the edit is decided.
        await scope.ServiceProvider.GetRequiredService<DecisionService>().ReopenAsync(admin, plan.Id, "API-test: revidering");
        var editing = scope.ServiceProvider.GetRequiredService<PlanEditingService>();
        await editing.UpdateGoalAsync(admin, goal.Id, goal.ConcurrencyToken, new GoalInput(
            "Ändrat i arbetskopian", "Ny beskrivning i arbetskopian", [.. goal.Areas.Select(a => a.StrategicAreaId)],
            [.. goal.Indicators.Select(i => new IndicatorInput(i.Name + " (ändrad)", i.Unit, i.Direction, i.BaselineValue, i.BaselineYear, i.TargetValue, i.TargetYear, i.KoladaKpiId, i.Id))]));
        await editing.AddGoalAsync(admin, plan.Id, new GoalInput("Nytt mål i arbetskopian", null, [goal.Areas[0].StrategicAreaId], []));

        var after = await client.GetJsonAsync($"/api/v1/plans/{plan.Id}");
        var goals = await client.GetAllPagesAsync("/api/v1/goals?year=2026&organisation=kunskapsnamnden");
        var indicators = await client.GetAllPagesAsync("/api/v1/indicators?year=2026&organisation=kunskapsnamnden");
        var csv = await client.GetStringAsync("/api/v1/years/2026/goals.csv");
        var version = await client.GetStringAsync($"/api/v1/plans/{plan.Id}/versions/{before.Int("latestVersion")}");

        Assert.Equal("revision", after.Text("status"));
        Assert.Equal(before.GetProperty("versions").ToString(), after.GetProperty("versions").ToString());
        Assert.Contains(goals, g => g.Int("id") == goal.Id && g.Text("title") == goal.Title);
        foreach (var text in new[] { "Ändrat i arbetskopian", "Ny beskrivning i arbetskopian", "Nytt mål i arbetskopian", "(ändrad)" })
        {
            Assert.DoesNotContain(goals, g => g.ToString().Contains(text, StringComparison.Ordinal));
            Assert.DoesNotContain(indicators, i => i.ToString().Contains(text, StringComparison.Ordinal));
            Assert.DoesNotContain(text, csv, StringComparison.Ordinal);
            Assert.DoesNotContain(text, version, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_plan_with_no_decided_version_is_not_published()
    {
        using var client = portal.CreateClient();
        await using var db = await portal.DbAsync();
        var undecided = await db.Plans.Where(p => !p.Versions.Any()).Select(p => new { p.Id, p.Organisation.Slug, p.BudgetYear }).FirstAsync();

        using var plan = await client.GetAsync($"/api/v1/plans/{undecided.Id}");
        var plans = await client.GetAllPagesAsync($"/api/v1/plans?year={undecided.BudgetYear}&organisation={undecided.Slug}");
        var organisation = await client.GetJsonAsync($"/api/v1/organisations/{undecided.Slug}");

        Assert.Equal(HttpStatusCode.NotFound, plan.StatusCode);
        Assert.Empty(plans);
        var year = organisation.GetProperty("years").EnumerateArray().Single(y => y.Int("budgetYear") == undecided.BudgetYear);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, year.GetProperty("planId").ValueKind);
    }

    [Fact]
    public async Task A_decision_recorded_through_the_service_reaches_the_warm_API_and_the_CSV_with_formula_safe_cells()
    {
        using var client = portal.CreateClient();
        await using var scope = portal.Services.CreateAsyncScope();
        var admin = await Browserless.PrincipalOfAsync(scope, "admin@sandviken.example");
        await using var db = await portal.DbAsync();
        var plan = await db.Plans.Where(p => p.Organisation.Slug == "omsorgsnamnden" && p.BudgetYear == 2026).Select(p => new { p.Id }).SingleAsync();
        var area = await db.StrategicAreas.Where(a => a.MandatePeriod.StartYear <= 2026 && a.MandatePeriod.EndYear >= 2026).Select(a => a.Id).FirstAsync();
        await scope.ServiceProvider.GetRequiredService<PlanEditingService>().AddGoalAsync(admin, plan.Id,
            new GoalInput("=SUMMA(1;2) är inget mål", "@kommentar; med \"citat\"", [area], []));
        const string Decisions = "/api/v1/decisions?year=2026&pageSize=200";
        const string Csv = "/api/v1/years/2026/goals.csv";
        foreach (var address in new[] { Decisions, Csv })
        {
            (await client.GetAsync(address)).Dispose();
            using var cached = await client.GetAsync(address);
            Assert.True(cached.Headers.Contains("Age"), $"{address} was not cached before the write.");
            Assert.DoesNotContain("SUMMA", await cached.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await scope.ServiceProvider.GetRequiredService<DecisionService>().RecordDecisionAsync(admin, plan.Id,
            new DecisionInput(DecisionKind.Final, new DateOnly(2026, 11, 20), "Omsorgsnämnden", "§ 99, dnr ON 2026/4711"));

        using var decisions = await client.GetAsync(Decisions);
        using var csvAnswer = await client.GetAsync(Csv);
        Assert.False(decisions.Headers.Contains("Age"));
        Assert.False(csvAnswer.Headers.Contains("Age"));
        var decided = System.Text.Json.JsonDocument.Parse(await decisions.Content.ReadAsStringAsync()).RootElement.GetProperty("items").EnumerateArray()
            .Single(d => d.Text("reference") == "§ 99, dnr ON 2026/4711");
        Assert.Equal("final", decided.Text("kind"));
        Assert.Equal("2026-11-20", decided.Text("decidedOn"));
        Assert.Equal(plan.Id, decided.Int("planId"));

        var rows = CsvReader.Rows(await csvAnswer.Content.ReadAsByteArrayAsync());
        var row = rows.Single(r => r[6].Contains("SUMMA", StringComparison.Ordinal));
        Assert.Equal("'=SUMMA(1;2) är inget mål", row[6]);
        Assert.Equal("'@kommentar; med \"citat\"", row[7]);
        Assert.Equal("Omsorgsnämnden", row[1]);
    }

    [Fact]
    public async Task Kolada_values_are_attributed_wherever_the_API_and_the_CSV_show_them()
    {
        using var client = portal.CreateClient();
        await using var scope = portal.Services.CreateAsyncScope();
        var admin = await Browserless.PrincipalOfAsync(scope, "admin@sandviken.example");
        var answer = """{"values":[{"kpi":"N01951","municipality":"2181","period":2025,"values":[{"gender":"T","count":1,"status":"","value":41234}]}],"count":1}""";
        var result = await scope.ServiceProvider.GetRequiredService<KoladaImporter>().ImportFromFileAsync(admin, new MemoryStream(Encoding.UTF8.GetBytes(answer)));
        Assert.True(result.Added + result.Updated > 0, result.Summary);

        var periods = await client.GetJsonAsync("/api/v1/mandate-periods");
        var indicators = await client.GetAllPagesAsync("/api/v1/indicators?pageSize=200");

        var ambition = periods.GetProperty("items").EnumerateArray().SelectMany(p => p.GetProperty("areas").EnumerateArray())
            .SelectMany(a => a.GetProperty("ambitions").EnumerateArray()).First(m => m.Text("koladaKpiId") == "N01951");
        Assert.Contains(ambition.GetProperty("values").EnumerateArray(), v => v.Text("period") == "2025" && v.GetProperty("value").GetDecimal() == 41234m && v.Text("source") == "Kolada");
        Assert.Equal("Källa: Kolada", ambition.Text("attribution"));
        static bool HasKoladaValue(System.Text.Json.JsonElement i) => i.GetProperty("values").EnumerateArray().Any(v => v.Text("source") == "Kolada");
        var fromKolada = indicators.Where(HasKoladaValue).ToList();
        Assert.NotEmpty(fromKolada);
        Assert.All(indicators, i => Assert.Equal(HasKoladaValue(i) ? "Källa: Kolada" : null, i.GetProperty("attribution").GetString()));

        var year = fromKolada[0].Int("budgetYear");
        var rows = CsvReader.Rows(await client.GetByteArrayAsync($"/api/v1/years/{year}/goals.csv"));
        Assert.Equal("Källa", rows[0][^1]);
        Assert.Contains(rows, r => r[16] == "N01951" && r[17] == "41234" && r[18] == "2025" && r[^1] == "Kolada");
    }
}
