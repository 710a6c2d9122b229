using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Domain.Administration;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Hosting;

/// <summary>Cached pages follow the injected clock: a deadline passing shows without any write (ADR 0026).</summary>
public sealed class PublicPageExpiryTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_deadline_passing_at_midnight_turns_Ej_beslutad_into_Forsenad_without_any_write()
    {
        // Budget year 2027: the draft is due today, 26 November 2026 on the test clock.
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var admin = await Browserless.PrincipalOfAsync(scope, "admin@sandviken.example");
            await scope.ServiceProvider.GetRequiredService<PlanningAdminService>().SaveCycleAsync(admin,
                new CycleInput(2027, new DateOnly(2026, 11, 26), new DateOnly(2026, 11, 30)));
        }

        using var client = portal.CreateClient();
        var dueToday = await client.GetStringAsync("/beslutsstatus?ar=2027");
        using var cached = await client.GetAsync("/beslutsstatus?ar=2027");
        Assert.True(cached.Headers.Contains("Age"));
        HtmlAssert.ContainsText("Ej beslutad", dueToday);
        Assert.DoesNotContain("Försenad", dueToday, StringComparison.Ordinal);

        // 23:00 in Stockholm: still the deadline day, still the cached page.
        portal.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 26, 22, 0, 0, TimeSpan.Zero));
        using var lateEvening = await client.GetAsync("/beslutsstatus?ar=2027");
        Assert.True(lateEvening.Headers.Contains("Age"));

        // Just after midnight in Stockholm (23:00 UTC): the day has changed, so has the page.
        portal.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 26, 23, 0, 1, TimeSpan.Zero));
        using var nextDay = await client.GetAsync("/beslutsstatus?ar=2027");
        Assert.False(nextDay.Headers.Contains("Age"), "The first request of a new day is rendered afresh.");
        HtmlAssert.ContainsText("Försenad", await nextDay.Content.ReadAsStringAsync());
    }
}
