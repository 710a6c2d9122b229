using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Domain.Administration;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.FollowUps;
using Sandviken.Strategy.Domain.Kolada;
using Sandviken.Strategy.Domain.Plans;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Hosting;

/// <summary>
/// The public pages come from the output cache for anonymous visitors (ADR 0026). An answer from the cache carries an
/// <c>Age</c> header; a freshly rendered one does not.
/// </summary>
public sealed class PublicPageCacheTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    public static TheoryData<string> PublicAddresses =>
    [
        "/",
        "/omraden/vaxa-for-framtiden",
        "/omraden/vaxa-for-framtiden?ar=2025",
        "/organisationer",
        "/organisationer/kunskapsnamnden",
        "/organisationer/kunskapsnamnden/2025",
        "/beslutsstatus",
        "/beslutsstatus?ar=2025&visa=bolag",
        "/beslutsstatus.csv?ar=2025",
        "/tillganglighet",
    ];

    [Theory]
    [MemberData(nameof(PublicAddresses))]
    public async Task An_anonymous_page_is_rendered_once_then_served_from_the_cache_and_sets_no_cookie(string address)
    {
        using var client = portal.CreateClient();
        await EvictAsync();

        using var first = await client.GetAsync(address);
        using var second = await client.GetAsync(address);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False(first.Headers.Contains("Age"), "The first request after an eviction is rendered.");
        Assert.True(second.Headers.Contains("Age"), "The second request is served from the cache.");
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.False(first.Headers.Contains("Set-Cookie"));
        Assert.False(second.Headers.Contains("Set-Cookie"));
        // A cached page is shared: it may hold no form that posts and no token (ADR 0026).
        var html = await first.Content.ReadAsStringAsync();
        Assert.DoesNotContain("method=\"post\"", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("__RequestVerificationToken", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_head_request_is_answered_from_the_same_cache()
    {
        using var client = portal.CreateClient();
        await EvictAsync();
        (await client.GetAsync("/organisationer")).Dispose();

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/organisationer"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.True(head.Headers.Contains("Age"));
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Query_keys_the_pages_do_not_read_share_one_entry_which_holds_nothing_of_them()
    {
        using var client = portal.CreateClient();
        await EvictAsync();
        var withUnknownKey = await client.GetStringAsync("/beslutsstatus?ar=2025&utm_source=kampanj");

        using var plain = await client.GetAsync("/beslutsstatus?ar=2025");
        using var otherFilter = await client.GetAsync("/beslutsstatus?ar=2025&visa=namnder");
        var plainHtml = await plain.Content.ReadAsStringAsync();

        Assert.True(plain.Headers.Contains("Age"), "An unknown query key cannot make a new entry.");
        Assert.Equal(withUnknownKey, plainHtml);
        // The shared entry names no part of the first visitor's address beyond what picks the page.
        Assert.DoesNotContain("utm_source", plainHtml, StringComparison.Ordinal);
        Assert.Contains("href=\"/beslutsstatus?ar=2025#huvudinnehall\"", plainHtml, StringComparison.Ordinal);
        Assert.False(otherFilter.Headers.Contains("Age"), "visa= picks another view: its own entry.");
        Assert.NotEqual(plainHtml, await otherFilter.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_slug_in_the_wrong_case_is_not_answered_from_the_cached_page()
    {
        using var client = portal.CreateClient();
        (await client.GetAsync("/organisationer/kunskapsnamnden")).Dispose();

        using var wrongCase = await client.GetAsync("/organisationer/Kunskapsnamnden");

        Assert.Equal(HttpStatusCode.NotFound, wrongCase.StatusCode);
    }

    [Fact]
    public async Task Anonymous_and_signed_in_visitors_each_get_their_own_header()
    {
        using var anonymous = portal.CreateClient();
        await EvictAsync();
        var anonymousFirst = await anonymous.GetStringAsync("/organisationer");

        using var signedIn = portal.CreateCookieClient();
        (await signedIn.SignInAsync("politiker@sandviken.example")).Dispose();
        using var signedInPage = await signedIn.GetAsync("/organisationer");
        var signedInHtml = await signedInPage.Content.ReadAsStringAsync();
        using var anonymousAgain = await anonymous.GetAsync("/organisationer");
        var anonymousHtml = await anonymousAgain.Content.ReadAsStringAsync();

        // Signed in: rendered for them, with the sign-out form, never from the anonymous entry.
        Assert.False(signedInPage.Headers.Contains("Age"));
        Assert.Contains("Logga ut", signedInHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("/konto/logga-in\"", signedInHtml, StringComparison.Ordinal);
        // Anonymous: still the anonymous entry, without the signed-in header or its token.
        Assert.True(anonymousAgain.Headers.Contains("Age"));
        Assert.Equal(anonymousFirst, anonymousHtml);
        Assert.DoesNotContain("Logga ut", anonymousHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("__RequestVerificationToken", anonymousHtml, StringComparison.Ordinal);
        Assert.Contains("/konto/logga-in", anonymousHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_in_changes_only_private_rows_and_leaves_the_cache_alone()
    {
        using var anonymous = portal.CreateClient();
        await EvictAsync();
        (await anonymous.GetAsync("/")).Dispose();

        using var browser = portal.CreateCookieClient();
        (await browser.SignInAsync("tjansteperson@sandviken.example", "fel-lösenord")).Dispose();
        (await browser.SignInAsync("tjansteperson@sandviken.example")).Dispose();
        using var again = await anonymous.GetAsync("/");

        Assert.True(again.Headers.Contains("Age"), "Failed and successful sign-ins write accounts and the audit log only.");
    }

    [Fact]
    public async Task Pages_with_forms_and_the_error_page_are_never_cached()
    {
        using var client = portal.CreateClient();
        foreach (var address in new[] { "/konto/logga-in", "/fel" })
        {
            (await client.GetAsync(address)).Dispose();
            using var again = await client.GetAsync(address);
            Assert.False(again.Headers.Contains("Age"), address);
        }
    }

    public static TheoryData<string> Writes =>
    [
        "Decision.Record", "Plan.Reopen", "FollowUp.Record", "Measurement.Record", "Kolada.Import",
        "Organisation.Update", "Area.Update", "Ambition.Save", "Period.Add", "Cycle.Save",
    ];

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Each_kind_of_write_refreshes_the_pages_it_changes(string write)
    {
        using var client = portal.CreateClient();
        await using var scope = portal.Services.CreateAsyncScope();
        var admin = await Browserless.PrincipalOfAsync(scope, "admin@sandviken.example");
        var (page, expected) = await PrepareAsync(write);

        // Both pages are in the cache before the write.
        foreach (var address in new[] { "/", page })
        {
            (await client.GetAsync(address)).Dispose();
            using var cached = await client.GetAsync(address);
            Assert.True(cached.Headers.Contains("Age"), $"{address} was not cached before the write.");
        }

        var shows = await WriteAsync(write, scope.ServiceProvider, admin);

        using var start = await client.GetAsync("/");
        using var changed = await client.GetAsync(page);
        Assert.False(start.Headers.Contains("Age"), "The start page was not rendered afresh after the write.");
        Assert.False(changed.Headers.Contains("Age"), $"{page} was not rendered afresh after the write.");
        if ((expected ?? shows) is { } text)
        {
            HtmlAssert.ContainsText(text, await changed.Content.ReadAsStringAsync());
        }
    }

    /// <summary>The page that shows the write, and (when known before the write) the text it will show.</summary>
    private async Task<(string Page, string? Expected)> PrepareAsync(string write) => write switch
    {
        "Decision.Record" => ($"/beslutsstatus?ar={(await PlanToDecideAsync()).BudgetYear}", "KS 2026/4711"),
        "Plan.Reopen" => ($"/organisationer/{(await FixedPlanAsync(skip: 0)).Slug}", null),
        "FollowUp.Record" or "Measurement.Record" => ($"/organisationer/{(await FixedPlanAsync(skip: 1)).Slug}/{(await FixedPlanAsync(skip: 1)).BudgetYear}",
            write == "FollowUp.Record" ? "Cachetestets kommentar" : "4 711,5"),
        "Kolada.Import" => ("/omraden/vaxa-for-framtiden", "41 234"),
        "Organisation.Update" => ("/organisationer", "Arbetslivsnämnden (cachetest)"),
        "Area.Update" => ("/omraden/minskad-klimatpaverkan", "En ny ingress från cachetestet."),
        "Ambition.Save" => ("/omraden/utbildning-som-gor-skillnad", "Målbild från cachetestet"),
        "Period.Add" => ("/beslutsstatus?ar=2025", null),
        "Cycle.Save" => ("/beslutsstatus?ar=2025", null),
        _ => throw new ArgumentOutOfRangeException(nameof(write)),
    };

    private async Task<string?> WriteAsync(string write, IServiceProvider services, ClaimsPrincipal admin)
    {
        await using var db = await DbAsync();
        switch (write)
        {
            case "Decision.Record":
                var plan = await PlanToDecideAsync();
                await services.GetRequiredService<DecisionService>().RecordDecisionAsync(admin, plan.Id,
                    new DecisionInput(plan.HasDraft ? DecisionKind.Final : DecisionKind.Draft, Today, "Cachetestnämnden", "KS 2026/4711"));
                return null;
            case "Plan.Reopen":
                await services.GetRequiredService<DecisionService>().ReopenAsync(admin, (await FixedPlanAsync(skip: 0)).Id, "Cachetest: revidering");
                return null;
            case "FollowUp.Record":
                var followedPlan = (await FixedPlanAsync(skip: 1)).Id;
                var goal = await db.Goals.Where(g => g.PlanId == followedPlan).OrderBy(g => g.SortOrder).Select(g => g.Id).FirstAsync();
                await services.GetRequiredService<FollowUpService>().RecordFollowUpAsync(admin, goal,
                    new FollowUpInput(FollowUpPoint.AnnualReport, Assessment.PartlyMet, "Cachetestets kommentar"),
                    await db.FollowUps.Where(f => f.GoalId == goal && f.Point == FollowUpPoint.AnnualReport).Select(f => (Guid?)f.ConcurrencyToken).FirstOrDefaultAsync());
                return null;
            case "Measurement.Record":
                var planId = (await FixedPlanAsync(skip: 1)).Id;
                var indicator = await db.Indicators.Where(i => i.Goal.PlanId == planId).OrderBy(i => i.Id).Select(i => i.Id).FirstAsync();
                await services.GetRequiredService<FollowUpService>().RecordMeasurementAsync(admin, indicator, new MeasurementInput("2026", 4711.5m),
                    await db.Measurements.Where(m => m.IndicatorId == indicator && m.Period == "2026" && m.Source == FollowUpService.ManualSource).Select(m => (Guid?)m.ConcurrencyToken).FirstOrDefaultAsync());
                return null;
            case "Kolada.Import":
                var answer = """{"values":[{"kpi":"N01951","municipality":"2181","period":2025,"values":[{"gender":"T","count":1,"status":"","value":41234}]}],"count":1}""";
                var result = await services.GetRequiredService<KoladaImporter>().ImportFromFileAsync(admin, new MemoryStream(Encoding.UTF8.GetBytes(answer)));
                Assert.True(result.Added + result.Updated > 0, result.Summary);
                return null;
            case "Organisation.Update":
                var organisation = await db.Organisations.SingleAsync(o => o.Slug == "arbetslivsnamnden");
                await services.GetRequiredService<OrganisationAdminService>().UpdateAsync(admin, organisation.Id, organisation.ConcurrencyToken,
                    new OrganisationInput("Arbetslivsnämnden (cachetest)", organisation.Kind, organisation.ParentId, organisation.IsActive));
                return null;
            case "Area.Update":
                var area = await db.StrategicAreas.SingleAsync(a => a.Slug == "minskad-klimatpaverkan");
                await services.GetRequiredService<PlanningAdminService>().UpdateAreaAsync(admin, area.Id, area.ConcurrencyToken,
                    new AreaInput(area.Title, "En ny ingress från cachetestet.", area.Body));
                return null;
            case "Ambition.Save":
                var areaId = await db.StrategicAreas.Where(a => a.Slug == "utbildning-som-gor-skillnad").Select(a => a.Id).SingleAsync();
                await services.GetRequiredService<PlanningAdminService>().SaveAmbitionAsync(admin, areaId, null, null,
                    new AmbitionInput("Målbild från cachetestet", null, null, null, null));
                return null;
            case "Period.Add":
                await services.GetRequiredService<PlanningAdminService>().AddPeriodAsync(admin,
                    new PeriodInput("2031–2034", 2031, 2034, Today, "Kommunfullmäktige"));
                return null;
            case "Cycle.Save":
                var cycle = await db.PlanningCycles.SingleAsync(c => c.BudgetYear == 2025);
                var draft = cycle.DraftDeadline.AddDays(1);
                await services.GetRequiredService<PlanningAdminService>().SaveCycleAsync(admin, new CycleInput(2025, draft, cycle.FinalDeadline), cycle.ConcurrencyToken);
                return draft.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("sv-SE"));
            default:
                throw new ArgumentOutOfRangeException(nameof(write));
        }
    }

    private DateOnly Today => Sandviken.Strategy.Domain.Planning.PlanningCalendar.Today(portal.Clock);

    private async Task<StrategyDbContext> DbAsync() =>
        await portal.Services.GetRequiredService<IDbContextFactory<StrategyDbContext>>().CreateDbContextAsync();

    /// <summary>A plan with goals and without its September decision.</summary>
    private async Task<(int Id, int BudgetYear, bool HasDraft)> PlanToDecideAsync()
    {
        await using var db = await DbAsync();
        var plan = await db.Plans
            .Where(p => p.Goals.Any() && p.Organisation.IsActive && !p.Decisions.Any(d => d.Kind == DecisionKind.Final))
            .OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.BudgetYear, HasDraft = p.Decisions.Any(d => d.Kind == DecisionKind.Draft) })
            .FirstAsync();
        return (plan.Id, plan.BudgetYear, plan.HasDraft);
    }

    /// <summary>A Fastställd plan with goals and indicators; skip picks another one.</summary>
    private async Task<(int Id, string Slug, int BudgetYear)> FixedPlanAsync(int skip)
    {
        await using var db = await DbAsync();
        var plan = await db.Plans
            .Where(p => p.Status == PlanStatus.Final && p.Goals.Any(g => g.Indicators.Count > 0) && p.Organisation.IsActive)
            .OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Organisation.Slug, p.BudgetYear })
            .Skip(skip)
            .FirstAsync();
        return (plan.Id, plan.Slug, plan.BudgetYear);
    }

    private async Task EvictAsync()
    {
        var listener = portal.Services.GetRequiredService<IPublicContentListener>();
        await listener.PublicContentChangedAsync();
    }
}
