using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Domain.Administration;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Tests.Infrastructure;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Reminders;

/// <summary>
/// The portal as configured (Email:*, Reminders:*): its hosted service sends through a real SMTP server on its schedule,
/// and a second round sends nothing new.
/// </summary>
public sealed class ReminderServiceTests : IAsyncLifetime
{
    private SmtpSink smtp = null!;

    public async Task InitializeAsync() => smtp = await SmtpSink.StartAsync();

    public async Task DisposeAsync() => await smtp.DisposeAsync();

    [Fact]
    public async Task The_configured_portal_reminds_Omsorgsnamndens_secretary_once_on_its_schedule()
    {
        await using var portal = new PortalFactory();
        portal.Settings["Email:Enabled"] = "true";
        portal.Settings["Email:From"] = "noreply@sandviken.test";
        portal.Settings["Email:PortalBaseUrl"] = "https://strategi.sandviken.test";
        portal.Settings["Email:Smtp:Host"] = "127.0.0.1";
        portal.Settings["Email:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture);
        portal.Settings["Reminders:IntervalMinutes"] = "60";

        // The portal's clock says 26 November 2026. A cycle for 2027 whose draft is due on 5 December: nobody has a plan yet.
        await portal.CreateClient().GetPageAsync("/");
        using (var scope = portal.Services.CreateScope())
        {
            var admin = await Browserless.PrincipalOfAsync(scope, "admin@sandviken.example");
            await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<StrategyDbContext>>().CreateDbContextAsync())
            {
                (await db.MandatePeriods.OrderBy(p => p.StartYear).LastAsync()).EndYear = 2027;
                await db.SaveChangesAsync();
            }

            await scope.ServiceProvider.GetRequiredService<PlanningAdminService>().SaveCycleAsync(admin, new(2027, new(2026, 12, 5), new(2026, 12, 20)));
        }

        portal.Clock.Advance(TimeSpan.FromMinutes(60));
        var first = await WaitForAsync(m => m.To.Contains("sekreterare.omsorg@sandviken.example"));
        portal.Clock.Advance(TimeSpan.FromMinutes(60));
        await WaitForRoundAsync(portal);

        Assert.Single(smtp.Messages(), m => m.To.Contains("sekreterare.omsorg@sandviken.example"));
        Assert.Equal("Påminnelse: beslut om utkast om plan 2027 för Omsorgsnämnden senast 5 december 2026", first.Message.Subject);
        Assert.Contains("https://strategi.sandviken.test/organisationer/omsorgsnamnden/2027", first.Message.TextBody, StringComparison.Ordinal);
    }

    // The background service runs on its own; these waits only give it the chance, bounded so that a broken one fails.
    private async Task<(IReadOnlyList<string> To, MimeKit.MimeMessage Message)> WaitForAsync(Func<(IReadOnlyList<string> To, MimeKit.MimeMessage Message), bool> match)
    {
        for (var i = 0; i < 300; i++)
        {
            if (smtp.Messages().FirstOrDefault(match) is { Message: not null } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException("No such message reached the SMTP server within 30 seconds.");
    }

    // A round starts by taking the lease until one interval from now: once it has, the round has planned its messages.
    private static async Task WaitForRoundAsync(PortalFactory portal)
    {
        var expected = portal.Clock.GetUtcNow().UtcDateTime.AddMinutes(60);
        using var scope = portal.Services.CreateScope();
        for (var i = 0; i < 300; i++)
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<StrategyDbContext>>().CreateDbContextAsync();
            if (await db.Leases.AnyAsync(l => l.Name == "email-reminders" && l.ExpiresAtUtc >= expected)
                && await db.ReminderLog.AllAsync(e => e.SentAtUtc != null))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException("The reminder service did not run a second round within 30 seconds.");
    }
}
