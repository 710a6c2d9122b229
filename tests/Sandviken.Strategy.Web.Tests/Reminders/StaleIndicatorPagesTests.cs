using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Plans;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Reminders;

/// <summary>Indicators nobody updates on Att åtgärda and in the secretary's workspace (ADR 0041), as served.</summary>
public sealed class StaleIndicatorPagesTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string OmsorgIndicator = "Andel brukare som fått besök (testindikator)";
    private const string EnergiIndicator = "Levererad fjärrvärme (testindikator)";

    [Fact]
    public async Task The_administrator_sees_every_stale_indicator_with_its_reason_and_the_admin_start_page_links_there()
    {
        await AddIndicatorsAsync();
        using var client = portal.CreateCookieClient();
        await client.SignInAsync("admin@sandviken.example");

        var html = await client.GetPageAsync("/admin/att-atgarda");

        HtmlAssert.ContainsText("Att åtgärda", html);
        HtmlAssert.ContainsText(OmsorgIndicator, html);
        HtmlAssert.ContainsText(EnergiIndicator, html);
        HtmlAssert.ContainsText("Saknar både Kolada-id och värden", html);
        HtmlAssert.ContainsText("Senaste värdet gäller 2022, men ett värde för 2025 väntas", html);
        Assert.Contains("href=\"/admin/att-atgarda\"", await client.GetPageAsync("/admin"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secretary_sees_their_own_organisations_stale_indicators_in_the_workspace_only()
    {
        await AddIndicatorsAsync();
        using var client = portal.CreateCookieClient();
        await client.SignInAsync("sekreterare.omsorg@sandviken.example");

        var html = await client.GetPageAsync("/arbetsyta");

        HtmlAssert.ContainsText("Indikatorer att uppdatera", html);
        HtmlAssert.ContainsText(OmsorgIndicator, html);
        Assert.DoesNotContain(EnergiIndicator, html, StringComparison.Ordinal);
    }

    // The portal's clock: 26 November 2026, so the plans of 2026 count and a value for 2025 is expected.
    private async Task AddIndicatorsAsync()
    {
        await portal.CreateClient().GetPageAsync("/");
        using var scope = portal.Services.CreateScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<StrategyDbContext>>().CreateDbContextAsync();
        if (await db.Indicators.AnyAsync(i => i.Name == OmsorgIndicator))
        {
            return;
        }

        foreach (var (slug, name, years) in new[] { ("omsorgsnamnden", OmsorgIndicator, Array.Empty<int>()), ("sandviken-energi-ab", EnergiIndicator, new[] { 2022 }) })
        {
            var planId = await db.Plans.Where(p => p.Organisation.Slug == slug && p.BudgetYear == 2026).Select(p => p.Id).SingleAsync();
            db.Goals.Add(new Goal
            {
                PlanId = planId,
                Title = $"Mål för {name}",
                Indicators = [new Indicator
                {
                    Name = name,
                    Measurements = years.Select(y => new Measurement { Period = $"{y}", Value = 1, Source = "Manuell", FetchedAtUtc = DateTime.UtcNow }).ToList(),
                }],
            });
        }

        await db.SaveChangesAsync();
    }
}
