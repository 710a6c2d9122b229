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
        // The demo's 11 organisations are still the ones the decisions were due from; the twelfth is named, not counted.
        HtmlAssert.ContainsText("Utkast (april): 10 av 11 beslutade, 1 försenad (1 ej aktuell: organisationen lades till efter sista dagen)", dashboard);
        HtmlAssert.ContainsText("Slutgiltigt beslut (september): 7 av 11 beslutade, 4 försenade (1 ej aktuell", dashboard);
        HtmlAssert.ContainsText("7 av 11 nämnder och bolag har fastställt sin plan och 10 av 11 har beslutat om utkast", start);
        HtmlAssert.ContainsText("1 utkast och 4 slutliga beslut är försenade.", start);
    }

    [Fact]
    public async Task The_csv_says_the_same()
    {
        var csv = Encoding.UTF8.GetString(await portal.CreateClient().GetByteArrayAsync("/beslutsstatus.csv?ar=2025"));

        Assert.Contains($"2025;Nya nämnden;Nämnd;{Reason};;;;;{Reason};;;;\r\n", csv, StringComparison.Ordinal);
    }
}
