using Sandviken.Strategy.Domain.Tests.Infrastructure;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Domain.Administration;
using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Public;

/// <summary>
/// Issue 7, part 5: an organisation added today is not late with decisions whose deadlines passed before it existed.
/// Such years say "Ej aktuell" and why, and the counts and the CSV agree with the table.
/// </summary>
public sealed class LateAddedOrganisationTests : IAsyncLifetime, IDisposable
{
    private const string Reason = "Ej aktuell – organisationen lades till efter sista dagen";

    private readonly PortalFactory portal = new();

    public async Task InitializeAsync()
    {
        // 26 November 2026: every deadline of 2024–2026 has passed.
        using var scope = portal.Services.CreateScope();
        var admin = await Browserless.PrincipalOfAsync(scope, "admin@sandviken.example");
        await scope.ServiceProvider.GetRequiredService<OrganisationAdminService>()
            .AddAsync(admin, new OrganisationInput("Nya nämnden", OrganisationKind.Committee, null, true));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => portal.Dispose();

    [Fact]
    public async Task Its_own_page_shows_every_past_year_as_not_applicable_and_none_as_late()
    {
        var html = await portal.CreateClient().GetPageAsync("/organisationer/nya-namnden");

        HtmlAssert.LacksText("Försenad", html);
        foreach (var year in new[] { 2024, 2025, 2026 })
        {
            HtmlAssert.ContainsText($"{year} {Reason} {Reason}", html);
        }
    }

    [Fact]
    public async Task The_plan_page_of_a_past_year_says_why_nothing_was_due()
    {
        var html = await portal.CreateClient().GetPageAsync("/organisationer/nya-namnden/2026");

        HtmlAssert.LacksText("Försenad", html);
        HtmlAssert.ContainsText($"Utkast (april) {Reason}", html);
    }

    [Fact]
    public async Task The_dashboard_leaves_it_out_of_the_decisions_due_and_the_start_page_agrees()
    {
        using var client = portal.CreateClient();
        var dashboard = await client.GetPageAsync("/beslutsstatus");
        var start = await client.GetPageAsync("/");

        HtmlAssert.ContainsText($"Nya nämnden Nämnd {Reason} {Reason}", dashboard);
        // The demo's organisations are still the ones the decisions were due from; the added one is named, not counted.
        var demo = DemoFacts.Cycle(2026, portal.Clock);
        Assert.True(demo.DraftsOverdue == 1 && demo.FinalsOverdue > 1, "The wording below is for one late draft and several late finals.");
        HtmlAssert.ContainsText($"Utkast (april): {demo.DraftsDecided} av {demo.Organisations} beslutade, 1 försenad (1 ej aktuell: organisationen lades till efter sista dagen)", dashboard);
        HtmlAssert.ContainsText($"Slutgiltigt beslut (september): {demo.FinalsDecided} av {demo.Organisations} beslutade, {demo.FinalsOverdue} försenade (1 ej aktuell", dashboard);
        HtmlAssert.ContainsText($"{demo.FinalsDecided} av {demo.Organisations} nämnder och bolag har fastställt sin plan och {demo.DraftsDecided} av {demo.Organisations} har beslutat om utkast", start);
        HtmlAssert.ContainsText($"1 utkast och {demo.FinalsOverdue} slutliga beslut är försenade.", start);
    }

    [Fact]
    public async Task The_csv_says_the_same()
    {
        var csv = Encoding.UTF8.GetString(await portal.CreateClient().GetByteArrayAsync("/beslutsstatus.csv?ar=2025"));

        Assert.Contains($"2025;Nya nämnden;Nämnd;{Reason};;;;;{Reason};;;;\r\n", csv, StringComparison.Ordinal);
    }
}
