using Sandviken.Strategy.Domain.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Domain.Areas;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Plans;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Public;

/// <summary>
/// Values stored before the import checked them (up to decimal's limits) must not break a public page: the chart and
/// the pace are computed without overflow, and the pages answer 200.
/// </summary>
// SQLite only: SQLite stores any decimal whatever the column's precision; PostgreSQL (numeric(18,4)) refuses such values
// at the INSERT, as SQL Server does, so they cannot be in its database to begin with (ADR 0037).
[Trait(TestProvider.Trait, TestProvider.SqliteOnly)]
public sealed class ExtremeValuesTests
{
    private static readonly DateTime Fetched = new(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task The_plan_page_with_values_at_decimals_limits_answers_200_and_draws_its_chart()
    {
        await using var portal = new PortalFactory();
        using var client = portal.CreateClient();
        await client.GetPageAsync("/");
        await using (var db = await portal.Services.GetRequiredService<IDbContextFactory<StrategyDbContext>>().CreateDbContextAsync())
        {
            // An indicator that the decided plan of Kunskapsnämnden for 2025 shows, with demo values for 2021 to 2025.
            var indicatorId = await db.Indicators
                .Where(i => i.Name == "Andel elever i årskurs 9 som är behöriga till yrkesprogram"
                    && i.Goal.Plan.Organisation.Slug == "kunskapsnamnden" && i.Goal.Plan.BudgetYear == 2025)
                .Select(i => i.Id).SingleAsync();
            db.Measurements.AddRange(
                new Measurement { IndicatorId = indicatorId, Period = "2018", Value = decimal.MaxValue, Source = "Kolada", FetchedAtUtc = Fetched },
                new Measurement { IndicatorId = indicatorId, Period = "2019", Value = decimal.MinValue, Source = "Kolada", FetchedAtUtc = Fetched },
                new Measurement { IndicatorId = indicatorId, Period = "2020", Value = 0.0000000000000000000000000001m, Source = "Kolada", FetchedAtUtc = Fetched });
            await db.SaveChangesAsync();
        }

        var html = await client.GetPageAsync("/organisationer/kunskapsnamnden/2025");

        HtmlAssert.ContainsText("Period Värde Källa Hämtat 2018 79 228 162 514 264 337 593 543 950 335 Kolada 2026-11-20 kl. 09:00 2019 −79 228", html);
        Assert.Contains("class=\"indicator-chart\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_area_page_with_ambition_values_at_decimals_limits_answers_200_without_a_pace()
    {
        await using var portal = new PortalFactory();
        using var client = portal.CreateClient();
        await client.GetPageAsync("/");
        await using (var db = await portal.Services.GetRequiredService<IDbContextFactory<StrategyDbContext>>().CreateDbContextAsync())
        {
            var ambition = await db.AreaAmbitions.SingleAsync(a => a.KoladaKpiId == "N01951");
            ambition.TargetYear = 2035;
            db.AmbitionMeasurements.AddRange(
                new AmbitionMeasurement { AreaAmbitionId = ambition.Id, Period = "2023", Value = decimal.MaxValue, Source = "Kolada", FetchedAtUtc = Fetched },
                new AmbitionMeasurement { AreaAmbitionId = ambition.Id, Period = "2024", Value = decimal.MaxValue, Source = "Kolada", FetchedAtUtc = Fetched });
            await db.SaveChangesAsync();
        }

        var html = await client.GetPageAsync("/omraden/vaxa-for-framtiden");

        HtmlAssert.ContainsText("Senaste värde: 79 228 162 514 264 337 593 543 950 335 invånare (2024", html);
        HtmlAssert.LacksText("Prognos 2035", html);
    }
}
