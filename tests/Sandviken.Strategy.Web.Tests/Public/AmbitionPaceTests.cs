using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Domain.Areas;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Public;

public sealed class AmbitionPaceTests
{
    [Fact]
    public async Task The_area_page_shows_the_latest_value_the_trend_the_projection_and_whether_it_is_on_pace()
    {
        await using var portal = new PortalFactory();
        using var client = portal.CreateClient();
        await client.GetPageAsync("/");
        await using (var db = await portal.Services.GetRequiredService<IDbContextFactory<StrategyDbContext>>().CreateDbContextAsync())
        {
            var ambition = await db.AreaAmbitions.SingleAsync(a => a.KoladaKpiId == "N01951");
            ambition.TargetYear = 2035;
            var fetched = new DateTime(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc);
            db.AmbitionMeasurements.AddRange(
                new AmbitionMeasurement { AreaAmbitionId = ambition.Id, Period = "2022", Value = 39000m, Source = "Kolada", FetchedAtUtc = fetched },
                new AmbitionMeasurement { AreaAmbitionId = ambition.Id, Period = "2023", Value = 39200m, Source = "Kolada", FetchedAtUtc = fetched },
                new AmbitionMeasurement { AreaAmbitionId = ambition.Id, Period = "2024", Value = 39400m, Source = "Kolada", FetchedAtUtc = fetched });
            await db.SaveChangesAsync();
        }

        var html = await client.GetPageAsync("/omraden/vaxa-for-framtiden");

        HtmlAssert.ContainsText("Senaste värde: 39 400 invånare (2024, hämtat 20 november 2026 kl. 09:00). Källa: Kolada.", html);
        HtmlAssert.LacksText("Inga värden hämtade ännu", html);
        // +200 a year: 41 600 in 2035, short of 50 000.
        HtmlAssert.ContainsText("Trend: +200 per år sedan 2022. Prognos 2035: 41 600 mot målet 50 000 – inte i takt", html);
    }
}
