using Sandviken.Strategy.Domain.Tests.Infrastructure;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Public;

/// <summary>Every public route renders the seeded content as static HTML.</summary>
public sealed class PublicPageTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly string[] AreaTitles =
        ["Växa för framtiden", "Minskad klimatpåverkan", "Utbildning som gör skillnad", "En kommun att trivas i – bra livsmiljö"];

    private readonly HttpClient client = portal.CreateClient();

    public static TheoryData<string> PublicRoutes =>
    [
        "/",
        "/omraden/vaxa-for-framtiden",
        "/omraden/minskad-klimatpaverkan?ar=2025",
        "/organisationer",
        "/organisationer/kunskapsnamnden",
        "/organisationer/kunskapsnamnden/2025",
        "/tillganglighet",
        "/hittades-inte",
    ];

    [Theory]
    [MemberData(nameof(PublicRoutes))]
    public async Task Every_public_page_is_Swedish_static_html_with_landmarks_one_h1_and_the_demo_notice(string url)
    {
        var html = await client.GetPageAsync(url, url == "/hittades-inte" ? System.Net.HttpStatusCode.NotFound : System.Net.HttpStatusCode.OK);

        HtmlAssert.IsAccessibleStaticPage(html);
        HtmlAssert.ContainsText("Exempeldata.", html);
        Assert.Matches("<title>[^<]+– Sandvikens kommun</title>", html);
    }

    [Fact]
    public async Task Start_page_shows_the_vision_the_four_areas_with_goal_counts_both_ambitions_and_the_cycle_status()
    {
        var html = await client.GetPageAsync("/");

        HtmlAssert.ContainsText("I Sandviken är världen alltid närvarande", html);
        HtmlAssert.ContainsText("Texten är ofullständig", html);
        foreach (var title in AreaTitles)
        {
            HtmlAssert.ContainsText(title, html);
        }

        HtmlAssert.ContainsText("Målbild: 50 000 invånare", html);
        HtmlAssert.ContainsText("Målbild: klimatneutrala 2030", html);
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Count(HtmlAssert.Text(html), @"\d+ mål kopplade till området"));
        HtmlAssert.ContainsText("20 februari 2023", html);
        var demo = DemoFacts.Cycle(2026, portal.Clock);
        HtmlAssert.ContainsText($"{demo.FinalsDecided} av {demo.Organisations} nämnder och bolag har fastställt sin plan och {demo.DraftsDecided} av {demo.Organisations} har beslutat om utkast", html);
        Assert.True(demo.DraftsOverdue > 0 && demo.FinalsOverdue > 1, "The demo data should have late drafts and several late final decisions.");
        HtmlAssert.ContainsText($"{demo.DraftsOverdue} utkast och {demo.FinalsOverdue} slutliga beslut är försenade.", html);
        foreach (var slug in new[] { "vaxa-for-framtiden", "minskad-klimatpaverkan", "utbildning-som-gor-skillnad", "en-kommun-att-trivas-i" })
        {
            Assert.Contains($"href=\"/omraden/{slug}\"", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Area_page_shows_its_text_ambition_and_goals_grouped_by_organisation()
    {
        var html = await client.GetPageAsync("/omraden/vaxa-for-framtiden");

        HtmlAssert.ContainsText("Växa för framtiden", html);
        HtmlAssert.ContainsText("Sandviken är en kommun som blomstrar", html);
        HtmlAssert.ContainsText("50 000 invånare – mäts med nyckeltal N01951 i Kolada", html);
        HtmlAssert.ContainsText("Nämndernas och bolagens mål för budgetår 2026", html);
        HtmlAssert.ContainsText("Kommunstyrelsen", html);
        HtmlAssert.ContainsText("Fler invånare och företag väljer Sandviken", html);
        HtmlAssert.ContainsText("Beslutat utkast, version 1", html);
        HtmlAssert.ContainsText("Fastställd plan, version 2", html);
        Assert.Contains("href=\"/organisationer/kommunstyrelsen/2026\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ambition_without_values_says_so()
    {
        var html = await client.GetPageAsync("/omraden/vaxa-for-framtiden");

        HtmlAssert.ContainsText("50 000 invånare – mäts med nyckeltal N01951 i Kolada Inga värden hämtade ännu.", html);
    }

    [Fact]
    public async Task Area_page_year_selects_that_budget_years_goals()
    {
        var html2024 = await client.GetPageAsync("/omraden/en-kommun-att-trivas-i?ar=2024");
        var html2026 = await client.GetPageAsync("/omraden/en-kommun-att-trivas-i?ar=2026");

        HtmlAssert.ContainsText("mål för budgetår 2024", html2024);
        Assert.Contains("aria-current=\"page\">2024</a>", html2024, StringComparison.Ordinal);
        // Överförmyndarnämnden decided plans for 2024 but nothing yet for 2026: its goals are listed for 2024 only
        // (the coverage table names it in both years, as a gap in 2026).
        Assert.Contains("id=\"org-overformyndarnamnden-i-vastra-gastrikland\"", html2024, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"org-overformyndarnamnden-i-vastra-gastrikland\"", html2026, StringComparison.Ordinal);
        HtmlAssert.ContainsText("Överförmyndarnämnden i Västra Gästrikland (ingen beslutad plan) – saknas", html2026);
    }

    [Fact]
    public async Task Organisation_list_shows_committees_and_companies_with_the_parent_company()
    {
        var html = await client.GetPageAsync("/organisationer");

        HtmlAssert.ContainsText("Nämnder", html);
        HtmlAssert.ContainsText("Kommunala bolag", html);
        foreach (var name in new[] { "Kommunstyrelsen", "Kunskapsnämnden", "Omsorgsnämnden", "Sandvikens Stadshus AB", "Sandvikenhus AB", "Sandviken Energi AB" })
        {
            HtmlAssert.ContainsText(name, html);
        }

        HtmlAssert.ContainsText("Dotterbolag till Sandvikens Stadshus AB", html);
    }

    [Fact]
    public async Task Organisation_page_shows_each_budget_years_decisions_with_status_words()
    {
        var html = await client.GetPageAsync("/organisationer/overformyndarnamnden-i-vastra-gastrikland");

        HtmlAssert.ContainsText("Överförmyndarnämnden i Västra Gästrikland", html);
        HtmlAssert.ContainsText("Beslutad", html);
        HtmlAssert.ContainsText("Försenad", html);
        Assert.Contains("href=\"/organisationer/overformyndarnamnden-i-vastra-gastrikland/2026\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_page_shows_goals_by_area_with_indicators_decisions_and_versions()
    {
        var html = await client.GetPageAsync("/organisationer/kunskapsnamnden/2025");

        HtmlAssert.ContainsText("Nämndplan 2025 – Kunskapsnämnden", html);
        HtmlAssert.ContainsText("Status Fastställd", html);
        HtmlAssert.ContainsText("Mål per strategiskt område", html);
        HtmlAssert.ContainsText("Utbildning som gör skillnad", html);
        HtmlAssert.ContainsText("Strategiska områden: Växa för framtiden, Utbildning som gör skillnad", html);
        HtmlAssert.ContainsText("Indikatorer för målet", html);
        HtmlAssert.ContainsText("Beslut om utkast (april) 23 april 2024 Kunskapsnämnden § 31", html);
        HtmlAssert.ContainsText("Slutgiltigt beslut (september) 24 september 2024 Kunskapsnämnden § 79", html);
        Assert.Matches("<td class=\"sha\">[0-9a-f]{64}</td>", html);
    }

    [Fact]
    public async Task Plan_page_of_a_plan_without_decisions_says_so()
    {
        var html = await client.GetPageAsync("/organisationer/overformyndarnamnden-i-vastra-gastrikland/2026");

        HtmlAssert.ContainsText("Ingen version av planen är beslutad ännu", html);
        HtmlAssert.ContainsText("Inga beslut är registrerade för planen", html);
        HtmlAssert.ContainsText("Försenad", html);
    }

    [Fact]
    public async Task Company_plan_page_is_called_strategic_goals()
    {
        var html = await client.GetPageAsync("/organisationer/sandvikenhus-ab/2025");

        HtmlAssert.ContainsText("Strategiska mål 2025 – Sandvikenhus AB", html);
        HtmlAssert.ContainsText("Styrelsen för Sandvikenhus AB", html);
    }

    [Fact]
    public async Task Plan_page_shows_what_changed_between_the_April_draft_and_the_September_final()
    {
        // In the demo data this goal was added between the draft and the final decision for 2024.
        var html = await client.GetPageAsync("/organisationer/kultur-och-fritidsnamnden/2024");

        HtmlAssert.ContainsText("Skillnader mellan utkastet och den fastställda planen", html);
        HtmlAssert.ContainsText("Jämför version 1 (beslutat utkast) med version 2 (fastställd plan).", html);
        HtmlAssert.ContainsText("Tillagt mål Fler barn och unga deltar i kulturskolan och läser", html);
    }

    [Fact]
    public async Task A_plan_with_only_a_draft_has_no_comparison_yet()
    {
        var html = await client.GetPageAsync("/organisationer/omsorgsnamnden/2026");

        HtmlAssert.LacksText("Skillnader mellan utkastet", html);
        HtmlAssert.ContainsText("Visar version 1: beslutat utkast.", html);
    }
}
