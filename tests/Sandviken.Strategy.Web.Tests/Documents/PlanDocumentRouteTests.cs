using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Plans;
using Sandviken.Strategy.Web.Hosting;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Documents;

/// <summary>
/// The two addresses of the plan's Word document: a decided version for anyone (cached like the public pages), the
/// working copy for those who may read it in the workspace (never cached); and the links to them on the pages.
/// </summary>
public sealed partial class PlanDocumentRouteTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string WordType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    [Fact]
    public async Task A_decided_version_is_served_anonymously_as_a_Word_file_named_after_the_plan_and_version()
    {
        var version = (await DemoVersions.ReadAsync(portal)).Last(v => v.Slug == "kunskapsnamnden" && v.BudgetYear == 2025);
        using var client = portal.CreateClient();

        using var response = await client.GetAsync(version.Url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(WordType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"namndplan-2025-kunskapsnamnden-version-{version.Number}.docx", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task A_companys_decided_version_is_named_after_its_strategic_goals()
    {
        var version = (await DemoVersions.ReadAsync(portal)).First(v => v.Slug == "sandvikenhus-ab");
        using var client = portal.CreateClient();

        using var response = await client.GetAsync(version.Url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            $"strategiska-mal-{version.BudgetYear}-sandvikenhus-ab-version-{version.Number}.docx",
            response.Content.Headers.ContentDisposition?.FileNameStar);
    }

    [Theory]
    [InlineData("/organisationer/kunskapsnamnden/2025/versioner/99.docx")]
    [InlineData("/organisationer/kunskapsnamnden/2025/versioner/0.docx")]
    [InlineData("/organisationer/finns-inte/2025/versioner/1.docx")]
    [InlineData("/organisationer/kunskapsnamnden/2031/versioner/1.docx")]
    [InlineData("/organisationer/Kunskapsnamnden/2025/versioner/1.docx")]
    public async Task An_unknown_version_is_the_Swedish_not_found_page(string url)
    {
        using var client = portal.CreateClient();

        var html = await client.GetPageAsync(url, HttpStatusCode.NotFound);

        HtmlAssert.ContainsText("Sidan hittades inte", html);
    }

    [Fact]
    public async Task A_decided_version_is_rendered_once_then_served_from_the_public_cache()
    {
        var version = (await DemoVersions.ReadAsync(portal)).First();
        using var client = portal.CreateClient();
        await portal.Services.GetRequiredService<IPublicContentListener>().PublicContentChangedAsync();

        using var first = await client.GetAsync(version.Url);
        using var second = await client.GetAsync(version.Url);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False(first.Headers.Contains("Age"), "The first request after an eviction is rendered.");
        Assert.True(second.Headers.Contains("Age"), "The second request is served from the cache.");
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Anonymous_visitors_asking_for_a_working_copy_are_sent_to_the_sign_in_page()
    {
        var planId = await PlanIdAsync("kunskapsnamnden", 2026);
        using var client = portal.CreateCookieClient();
        var url = $"/arbetsyta/planer/{planId}/dokument.docx";

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/konto/logga-in", response.Headers.Location?.AbsolutePath);
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(url), response.Headers.Location?.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secretary_of_another_organisation_is_refused_the_working_copy()
    {
        var planId = await PlanIdAsync("kunskapsnamnden", 2026);
        using var client = portal.CreateCookieClient();
        await client.SignInAsync("sekreterare.omsorg@sandviken.example");

        using var response = await client.GetAsync($"/arbetsyta/planer/{planId}/dokument.docx");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        HtmlAssert.ContainsText("Du har inte behörighet att se den här planen i arbetsytan.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_plan_id_that_does_not_exist_is_refused_like_any_other()
    {
        using var client = portal.CreateCookieClient();
        await client.SignInAsync("sekreterare.omsorg@sandviken.example");

        using var response = await client.GetAsync("/arbetsyta/planer/999999/dokument.docx");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_organisations_own_secretary_downloads_the_working_copy_which_is_never_cached()
    {
        var planId = await PlanIdAsync("kunskapsnamnden", 2026);
        using var client = portal.CreateCookieClient();
        await client.SignInAsync("sekreterare.kunskap@sandviken.example");

        using var response = await client.GetAsync($"/arbetsyta/planer/{planId}/dokument.docx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(WordType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("namndplan-2026-kunskapsnamnden-utkast.docx", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task The_working_copy_shows_a_goal_edit_that_no_decision_has_frozen_while_the_decided_version_does_not()
    {
        // Its own portal: the edit must not reach the other tests' documents.
        using var own = new PortalFactory();
        var version = (await DemoVersions.ReadAsync(own)).Last(v => v.Slug == "omsorgsnamnden" && v.BudgetYear == 2026);
        var goal = version.Snapshot.Goals[0];
        const string edited = "Äldre ska kunna bo hemma längre, med trygg hemtjänst";
        using (var scope = own.Services.CreateScope())
        {
            var secretary = await Browserless.PrincipalOfAsync(scope, "sekreterare.omsorg@sandviken.example");
            var working = await own.Services.GetRequiredService<Sandviken.Strategy.Domain.Workspace.WorkspaceReader>().ReadPlanAsync(secretary, version.PlanId);
            var state = working.Goals.Single(g => g.Id == goal.GoalId);
            await own.Services.GetRequiredService<PlanEditingService>()
                .UpdateGoalAsync(secretary, state.Id, state.ConcurrencyToken, state.Input with { Title = edited });
        }

        using var anonymous = own.CreateClient();
        using var signedIn = own.CreateCookieClient();
        await signedIn.SignInAsync("sekreterare.omsorg@sandviken.example");
        using var decided = await Docx.DownloadAsync(anonymous, version.Url);
        using var draft = await Docx.DownloadAsync(signedIn, $"/arbetsyta/planer/{version.PlanId}/dokument.docx");

        Assert.Contains(("Heading3", edited), draft.Headings);
        Assert.DoesNotContain(("Heading3", goal.Title), draft.Headings);
        Assert.Contains(("Heading3", goal.Title), decided.Headings);
        Assert.DoesNotContain(edited, decided.Text, StringComparison.Ordinal);
        Assert.Contains($"Kontrollsumma (SHA-256): {version.Sha256}", decided.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Planen är fastställd.", draft.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_from_Kolada_is_marked_Kalla_Kolada_in_the_document_and_a_document_without_one_is_not()
    {
        using var own = new PortalFactory();
        var versions = await DemoVersions.ReadAsync(own);
        var version = versions.Last(v => v.Snapshot.Goals.Any(g => g.Indicators.Any(i => i.IndicatorId != 0)));
        var indicator = version.Snapshot.Goals.SelectMany(g => g.Indicators).First(i => i.IndicatorId != 0);
        using var anonymous = own.CreateClient();
        using (var before = await Docx.DownloadAsync(anonymous, version.Url))
        {
            Assert.DoesNotContain("Källa: Kolada", before.Text, StringComparison.Ordinal);
        }

        await using (var db = await own.Services.GetRequiredService<IDbContextFactory<StrategyDbContext>>().CreateDbContextAsync())
        {
            // As an import would store it: a later period than any demo value, so it is the latest.
            db.Measurements.Add(new Measurement
            {
                IndicatorId = indicator.IndicatorId, Period = "2026", Value = 42.5m, Source = "Kolada", FetchedAtUtc = own.Clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync();
        }

        await own.Services.GetRequiredService<IPublicContentListener>().PublicContentChangedAsync();
        using var after = await Docx.DownloadAsync(anonymous, version.Url);

        var row = after.Tables.SelectMany(t => t.Elements<DocumentFormat.OpenXml.Wordprocessing.TableRow>())
            .Single(r => r.Elements<DocumentFormat.OpenXml.Wordprocessing.TableCell>().First().InnerText.StartsWith(indicator.Name, StringComparison.Ordinal));
        Assert.Equal("42,5 (2026)Källa: Kolada", row.Elements<DocumentFormat.OpenXml.Wordprocessing.TableCell>().Last().InnerText);
        Assert.Contains(("Heading1", "Källor"), after.Headings);
        Assert.Empty(after.ValidationErrors);
    }

    [Fact]
    public async Task The_public_plan_page_links_every_decided_version_to_its_document_with_a_name_that_says_which()
    {
        var versions = (await DemoVersions.ReadAsync(portal)).Where(v => v.Slug == "kunskapsnamnden" && v.BudgetYear == 2025).ToList();
        using var client = portal.CreateClient();

        var html = await client.GetPageAsync("/organisationer/kunskapsnamnden/2025");

        var links = DocumentLinkRegex().Matches(html).Select(m => (Href: m.Groups[1].Value, Name: HtmlAssert.Text(m.Groups[2].Value).Trim())).ToList();
        Assert.Equal(versions.Select(v => (v.Url, $"Ladda ned som Word-dokument (version {v.Number}, .docx)")), links);
    }

    [Fact]
    public async Task The_workspace_plan_page_links_to_the_draft_document()
    {
        var planId = await PlanIdAsync("kunskapsnamnden", 2026);
        using var client = portal.CreateCookieClient();
        await client.SignInAsync("tjansteperson@sandviken.example");

        var html = await client.GetPageAsync($"/arbetsyta/planer/{planId}");

        var link = WorkingCopyLinkRegex().Match(html);
        Assert.True(link.Success, "The page has no link to the working copy's document.");
        Assert.Equal($"/arbetsyta/planer/{planId}/dokument.docx", link.Groups[1].Value);
        Assert.Equal("Ladda ned utkast som Word-dokument", HtmlAssert.Text(link.Groups[2].Value).Trim());
    }

    private async Task<int> PlanIdAsync(string slug, int year)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<StrategyDbContext>>().CreateDbContextAsync();
        return await db.Plans.Where(p => p.Organisation.Slug == slug && p.BudgetYear == year).Select(p => p.Id).SingleAsync();
    }

    [GeneratedRegex("<a href=\"([^\"]+)\" download[^>]*data-testid=\"version-document\"[^>]*>(.*?)</a>", RegexOptions.Singleline)]
    private static partial Regex DocumentLinkRegex();

    [GeneratedRegex("<a href=\"([^\"]+)\" download[^>]*data-testid=\"working-copy-document\"[^>]*>(.*?)</a>", RegexOptions.Singleline)]
    private static partial Regex WorkingCopyLinkRegex();
}
