using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Domain.Areas;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Plans;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Public;

/// <summary>Issue 10, item 6: "Källa: Kolada" under every table of values that holds one of Kolada's, as Kolada's terms ask.</summary>
public sealed class KoladaAttributionTests
{
    private const string Attribution = "data-testid=\"kolada-attribution\"";
    private static readonly DateTime Fetched = new(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task The_area_page_names_Kolada_as_the_source_of_an_ambitions_values()
    {
        await using var portal = new PortalFactory();
        using var client = portal.CreateClient();
        var before = await client.GetPageAsync("/omraden/vaxa-for-framtiden");
        Assert.DoesNotContain(Attribution, before, StringComparison.Ordinal);

        await using (var db = await portal.Services.GetRequiredService<IDbContextFactory<StrategyDbContext>>().CreateDbContextAsync())
        {
            var ambition = await db.AreaAmbitions.SingleAsync(a => a.KoladaKpiId == "N01951");
            db.AmbitionMeasurements.Add(new AmbitionMeasurement { AreaAmbitionId = ambition.Id, Period = "2024", Value = 39400m, Source = "Kolada", FetchedAtUtc = Fetched });
            await db.SaveChangesAsync();
        }

        var html = await client.GetPageAsync("/omraden/vaxa-for-framtiden");
        Assert.Contains(Attribution, html, StringComparison.Ordinal);
        HtmlAssert.ContainsText("Källa: Kolada ( kolada.se ).", html);
    }

    [Fact]
    public async Task The_plan_page_names_Kolada_only_when_a_value_of_an_indicator_came_from_Kolada()
    {
        await using var portal = new PortalFactory();
        using var client = portal.CreateClient();
        // The demo values are the portal's own examples ("Exempeldata"), not Kolada's.
        var before = await client.GetPageAsync("/organisationer/kunskapsnamnden/2025");
        HtmlAssert.ContainsText("Exempeldata", before);
        Assert.DoesNotContain(Attribution, before, StringComparison.Ordinal);

        await using (var db = await portal.Services.GetRequiredService<IDbContextFactory<StrategyDbContext>>().CreateDbContextAsync())
        {
            var indicatorId = await db.Indicators
                .Where(i => i.Name == "Andel elever i årskurs 9 som är behöriga till yrkesprogram"
                    && i.Goal.Plan.Organisation.Slug == "kunskapsnamnden" && i.Goal.Plan.BudgetYear == 2025)
                .Select(i => i.Id).SingleAsync();
            db.Measurements.Add(new Measurement { IndicatorId = indicatorId, Period = "2019", Value = 81.5m, Source = "Kolada", FetchedAtUtc = Fetched });
            await db.SaveChangesAsync();
        }

        var html = await client.GetPageAsync("/organisationer/kunskapsnamnden/2025");
        Assert.Equal(1, CountOf(Attribution, html));
        HtmlAssert.ContainsText("Källa: Kolada ( kolada.se ).", html);
    }

    private static int CountOf(string part, string text) =>
        (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
