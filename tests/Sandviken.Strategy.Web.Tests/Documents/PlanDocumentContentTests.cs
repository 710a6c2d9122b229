using System.Globalization;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.FollowUps;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Documents;

/// <summary>
/// The plan's Word documents as downloaded from the running portal, validated with the Open XML SDK's validator and
/// read back: text, heading structure, styles, language, properties and tables.
/// </summary>
public sealed class PlanDocumentContentTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string DraftMark = "Utkast – ej beslutat";

    [Fact]
    public async Task Every_decided_version_of_the_demo_downloads_as_a_valid_Word_package()
    {
        using var client = portal.CreateClient();
        var versions = await DemoVersions.ReadAsync(portal);
        Assert.NotEmpty(versions);

        foreach (var version in versions)
        {
            using var document = await Docx.DownloadAsync(client, version.Url);
            Assert.True(document.ValidationErrors.Count == 0, $"{version.Url}:\n{string.Join("\n", document.ValidationErrors)}");
        }
    }

    [Fact]
    public async Task Every_working_copy_of_the_demo_downloads_as_a_valid_Word_package()
    {
        using var client = portal.CreateCookieClient();
        await client.SignInAsync("admin@sandviken.example");
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<StrategyDbContext>>().CreateDbContextAsync();
        var planIds = await db.Plans.Select(p => p.Id).ToListAsync();
        Assert.NotEmpty(planIds);

        foreach (var id in planIds)
        {
            using var document = await Docx.DownloadAsync(client, $"/arbetsyta/planer/{id}/dokument.docx");
            Assert.True(document.ValidationErrors.Count == 0, $"Plan {id}:\n{string.Join("\n", document.ValidationErrors)}");
        }
    }

    [Fact]
    public async Task The_decided_document_holds_the_organisation_the_year_every_goal_and_the_decision_facts()
    {
        var version = await LatestVersionAsync("kunskapsnamnden", 2025);
        using var client = portal.CreateClient();

        using var document = await Docx.DownloadAsync(client, version.Url);

        var text = document.Text;
        Assert.Contains("Kunskapsnämnden", text, StringComparison.Ordinal);
        Assert.Contains("Budgetår: 2025", text, StringComparison.Ordinal);
        Assert.NotEmpty(version.Snapshot.Goals);
        foreach (var goal in version.Snapshot.Goals)
        {
            Assert.Contains(goal.Title, text, StringComparison.Ordinal);
            foreach (var indicator in goal.Indicators)
            {
                Assert.Contains(indicator.Name, text, StringComparison.Ordinal);
            }
        }

        Assert.Contains($"Beslutsdatum: {version.DecidedOn.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("sv-SE"))}", text, StringComparison.Ordinal);
        Assert.Contains($"Beslutsinstans: {version.DecidedBy}", text, StringComparison.Ordinal);
        Assert.Contains($"Paragraf och diarienummer: {version.Reference}", text, StringComparison.Ordinal);
        Assert.Contains($"Version: {version.Number} (", text, StringComparison.Ordinal);
        Assert.Contains($"Kontrollsumma (SHA-256): {version.Sha256}", text, StringComparison.Ordinal);
        Assert.DoesNotContain(DraftMark, text, StringComparison.Ordinal);
        Assert.All(document.SectionHeaders, header => Assert.DoesNotContain(DraftMark, header, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_decided_documents_headings_are_the_title_then_each_area_with_its_goals_of_the_frozen_content()
    {
        var version = await LatestVersionAsync("kunskapsnamnden", 2025);
        var areas = await DemoVersions.AreasAsync(portal, version.BudgetYear);
        int Order(string slug) => areas.FindIndex(a => a.Slug == slug) is >= 0 and var i ? i : int.MaxValue;
        using var client = portal.CreateClient();

        using var document = await Docx.DownloadAsync(client, version.Url);

        // Each goal once, under the first of its areas in the council's order.
        var expected = new List<(string, string)>
        {
            ("Title", "Nämndplan 2025 – Kunskapsnämnden"),
            ("Subtitle", $"{(version.Kind == DecisionKind.Final ? "Fastställd plan" : "Beslutat utkast")}, version {version.Number}"),
            ("Heading1", "Beslut"),
            ("Heading1", "Mål per strategiskt område"),
        };
        var goals = version.Snapshot.Goals.Select(g => (Goal: g, First: g.Areas.MinBy(a => Order(a.Slug))!)).ToList();
        foreach (var area in version.Snapshot.Goals.SelectMany(g => g.Areas).DistinctBy(a => a.Slug).OrderBy(a => Order(a.Slug)))
        {
            expected.Add(("Heading2", area.Title));
            expected.AddRange(goals.Where(g => g.First.Slug == area.Slug).Select(g => ("Heading3", g.Goal.Title)));
        }

        Assert.Equal(expected, document.Headings);
        Assert.Equal(version.Snapshot.Goals.Count, document.Headings.Count(h => h.Style == "Heading3"));

        // A goal's other areas name it, each in its own section.
        Assert.Contains(goals, g => g.Goal.Areas.Count > 1);
        var alsoLinked = new Dictionary<string, string>();
        string? currentArea = null;
        foreach (var (style, text) in document.Paragraphs)
        {
            currentArea = style == "Heading2" ? text : style == "Heading1" ? null : currentArea;
            if (currentArea is not null && text.StartsWith("Mål under andra områden som också är kopplade hit: ", StringComparison.Ordinal))
            {
                alsoLinked.Add(currentArea, text);
            }
        }

        var expectedAlso = goals
            .SelectMany(g => g.Goal.Areas.Where(a => a.Slug != g.First.Slug).Select(a => (a.Title, g.Goal.Title)))
            .GroupBy(x => x.Item1)
            .ToDictionary(x => x.Key, x => $"Mål under andra områden som också är kopplade hit: {string.Join(", ", x.Select(y => $"”{y.Item2}”"))}.");
        Assert.Equal(expectedAlso.OrderBy(x => x.Key, StringComparer.Ordinal), alsoLinked.OrderBy(x => x.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Words_own_heading_and_title_styles_are_defined_and_the_language_is_Swedish()
    {
        var version = await LatestVersionAsync("kunskapsnamnden", 2025);
        using var client = portal.CreateClient();

        using var document = await Docx.DownloadAsync(client, version.Url);

        var styles = document.Package.MainDocumentPart!.StyleDefinitionsPart!.Styles!;
        Style StyleOf(string id) => styles.Elements<Style>().Single(s => s.StyleId?.Value == id);
        // Word recognises its built-in headings by these names; the outline level puts them in the navigation pane.
        Assert.Equal("heading 1", StyleOf("Heading1").StyleName!.Val!.Value);
        Assert.Equal("heading 2", StyleOf("Heading2").StyleName!.Val!.Value);
        Assert.Equal("heading 3", StyleOf("Heading3").StyleName!.Val!.Value);
        Assert.Equal("Title", StyleOf("Title").StyleName!.Val!.Value);
        Assert.Equal(0, StyleOf("Heading1").StyleParagraphProperties!.OutlineLevel!.Val!.Value);
        Assert.Equal(1, StyleOf("Heading2").StyleParagraphProperties!.OutlineLevel!.Val!.Value);
        Assert.Equal(2, StyleOf("Heading3").StyleParagraphProperties!.OutlineLevel!.Val!.Value);

        var defaults = styles.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!.GetFirstChild<Languages>()!;
        Assert.Equal("sv-SE", defaults.Val!.Value);
        var settings = document.Package.MainDocumentPart.DocumentSettingsPart!.Settings!;
        Assert.Equal("sv-SE", settings.GetFirstChild<ThemeFontLanguages>()!.Val!.Value);
        Assert.Equal("sv-SE", document.Package.PackageProperties.Language);
    }

    [Fact]
    public async Task The_core_properties_give_the_documents_title_and_the_organisation_as_its_author()
    {
        var version = await LatestVersionAsync("kunskapsnamnden", 2025);
        using var client = portal.CreateClient();

        using var document = await Docx.DownloadAsync(client, version.Url);

        Assert.Equal($"Nämndplan 2025 – Kunskapsnämnden, version {version.Number}", document.Package.PackageProperties.Title);
        Assert.Equal("Kunskapsnämnden, Sandvikens kommun", document.Package.PackageProperties.Creator);
    }

    [Fact]
    public async Task Indicator_tables_repeat_their_header_row_on_each_page_and_keep_every_row_whole()
    {
        var version = await LatestVersionAsync("kunskapsnamnden", 2025);
        using var client = portal.CreateClient();

        using var document = await Docx.DownloadAsync(client, version.Url);

        Assert.Equal(version.Snapshot.Goals.Count(g => g.Indicators.Count > 0), document.Tables.Count);
        foreach (var table in document.Tables)
        {
            var rows = table.Elements<TableRow>().ToList();
            Assert.NotNull(rows[0].TableRowProperties?.GetFirstChild<TableHeader>());
            Assert.Equal(
                ["Indikator", "Utgångsläge", "Målvärde", "Enhet", "Riktning", "Senaste värde"],
                rows[0].Elements<TableCell>().Select(c => c.InnerText));
            Assert.All(rows.Skip(1), row => Assert.Null(row.TableRowProperties?.GetFirstChild<TableHeader>()));
            Assert.All(rows, row => Assert.NotNull(row.TableRowProperties?.GetFirstChild<CantSplit>()));
            Assert.StartsWith("Indikatorer för målet", table.GetFirstChild<TableProperties>()?.TableCaption?.Val?.Value, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_working_copy_is_marked_as_an_undecided_draft_in_the_title_area_and_in_the_header_of_every_page()
    {
        var version = await LatestVersionAsync("kunskapsnamnden", 2025);
        using var client = portal.CreateCookieClient();
        await client.SignInAsync("sekreterare.kunskap@sandviken.example");

        using var document = await Docx.DownloadAsync(client, $"/arbetsyta/planer/{version.PlanId}/dokument.docx");

        Assert.Equal(("Title", "Nämndplan 2025 – Kunskapsnämnden"), document.Headings[0]);
        Assert.Equal(("Subtitle", DraftMark), document.Headings[1]);
        Assert.NotEmpty(document.SectionHeaders);
        Assert.All(document.SectionHeaders, header => Assert.StartsWith(DraftMark, header, StringComparison.Ordinal));
        Assert.Contains(DraftMark, document.Package.PackageProperties.Title, StringComparison.Ordinal);
        Assert.DoesNotContain("Kontrollsumma", document.Text, StringComparison.Ordinal);
        // The plan is fastställd: the draft says where the record for the diarium is.
        Assert.Contains("Planen är fastställd. Till diariet hör den beslutade versionen", document.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_latest_follow_up_is_in_both_documents_and_only_the_workspace_one_names_who_recorded_it()
    {
        var version = await LatestVersionAsync("kunskapsnamnden", 2025);
        var goalId = version.Snapshot.Goals[0].GoalId;
        const string comment = "Fler elever nådde målen, men inte i alla skolor.";
        using (var scope = portal.Services.CreateScope())
        {
            await using var db = await portal.Services.GetRequiredService<IDbContextFactory<StrategyDbContext>>().CreateDbContextAsync();
            var token = await db.FollowUps.Where(f => f.GoalId == goalId && f.Point == FollowUpPoint.AnnualReport)
                .Select(f => (Guid?)f.ConcurrencyToken).SingleOrDefaultAsync();
            var secretary = await Browserless.PrincipalOfAsync(scope, "sekreterare.kunskap@sandviken.example");
            await portal.Services.GetRequiredService<FollowUpService>().RecordFollowUpAsync(
                secretary, goalId, new FollowUpInput(FollowUpPoint.AnnualReport, Assessment.PartlyMet, comment), token);
        }

        using var anonymous = portal.CreateClient();
        using var signedIn = portal.CreateCookieClient();
        await signedIn.SignInAsync("politiker@sandviken.example");

        using var decided = await Docx.DownloadAsync(anonymous, version.Url);
        using var working = await Docx.DownloadAsync(signedIn, $"/arbetsyta/planer/{version.PlanId}/dokument.docx");

        const string followUp = "Senaste uppföljning (årsredovisning): Delvis uppfyllt. " + comment + " Registrerad ";
        Assert.Contains(followUp, decided.Text, StringComparison.Ordinal);
        Assert.Contains(followUp, working.Text, StringComparison.Ordinal);
        Assert.Contains(" av Sara Sekreterare.", working.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sara Sekreterare", decided.Text, StringComparison.Ordinal);
    }

    private async Task<StoredVersion> LatestVersionAsync(string slug, int year) =>
        (await DemoVersions.ReadAsync(portal)).Last(v => v.Slug == slug && v.BudgetYear == year);
}
