using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sandviken.Strategy.Browser.Tests.Infrastructure;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Decisions;

namespace Sandviken.Strategy.Browser.Tests.Public;

public sealed class PublicPagesInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Start_page_shows_the_four_areas_and_has_no_accessibility_violations()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/");

        Assert.Equal("Kommunfullmäktiges strategiska områden", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(4, await page.Locator(".area-grid > li").CountAsync());
        Assert.True(await page.GetByText("Exempeldata.").IsVisibleAsync());
        await Accessibility.AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task Area_page_shows_linked_goals_and_has_no_accessibility_violations()
    {
        // Every goal linked to the area in the latest decided version of each 2026 plan (the current budget year), by organisation.
        await using var db = await browser.Services.GetRequiredService<IDbContextFactory<StrategyDbContext>>().CreateDbContextAsync();
        var expected = (await db.PlanVersions
                .Where(v => v.Plan.BudgetYear == 2026)
                .GroupBy(v => v.PlanId)
                .Select(g => g.OrderByDescending(v => v.Number).First().Content)
                .ToListAsync())
            .Select(PlanSnapshot.FromJson)
            .Select(s => (s.OrganisationName, Goals: s.Goals.Where(g => g.Areas.Any(a => a.Slug == "minskad-klimatpaverkan")).Select(g => g.Title).ToList()))
            .Where(o => o.Goals.Count > 0)
            .Select(o => $"{o.OrganisationName}: {string.Join(" | ", o.Goals.Order(StringComparer.Ordinal))}")
            .Order(StringComparer.Ordinal)
            .ToList();
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/omraden/minskad-klimatpaverkan");

        Assert.Equal("Minskad klimatpåverkan", await page.Locator("h1").InnerTextAsync());
        var shown = new List<string>();
        foreach (var article in await page.Locator("article").AllAsync())
        {
            var titles = (await article.Locator(".goal-title").AllInnerTextsAsync()).Select(t => t.Trim()).Order(StringComparer.Ordinal);
            shown.Add($"{(await article.Locator("h3").InnerTextAsync()).Trim()}: {string.Join(" | ", titles)}");
        }

        Assert.NotEmpty(expected);
        Assert.Equal(expected, shown.Order(StringComparer.Ordinal));
        await Accessibility.AssertNoViolationsAsync(page);
    }

    [Theory]
    [InlineData("/organisationer")]
    [InlineData("/organisationer/kunskapsnamnden")]
    [InlineData("/organisationer/kunskapsnamnden/2025")]
    [InlineData("/tillganglighet")]
    [InlineData("/oppna-data")]
    [InlineData("/omraden/vaxa-for-framtiden?ar=abc")]
    [InlineData("/finns-inte")]
    public async Task Other_public_pages_have_no_accessibility_violations(string url)
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync(url);

        Assert.Equal(1, await page.Locator("h1").CountAsync());
        await Accessibility.AssertNoViolationsAsync(page);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/omraden/vaxa-for-framtiden")]
    [InlineData("/organisationer/kunskapsnamnden")]
    [InlineData("/organisationer/kunskapsnamnden/2025")]
    [InlineData("/beslutsstatus")]
    [InlineData("/tillganglighet")]
    [InlineData("/oppna-data")]
    [InlineData("/konto/logga-in")]
    public async Task On_a_phone_the_page_does_not_scroll_sideways_and_wide_tables_scroll_by_keyboard(string url)
    {
        var page = await browser.NewPageAsync(width: 375);

        await page.GotoAsync(url);

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            $"{url} is {await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")} pixels wide on a 375-pixel screen.");
        // Every table box that scrolls is a named, focusable region (checked by axe's scrollable-region-focusable too).
        Assert.True(await page.EvaluateAsync<bool>(@"() => [...document.querySelectorAll('.table-scroll')]
            .filter(b => b.scrollWidth > b.clientWidth + 1)
            .every(b => b.tabIndex === 0 && b.getAttribute('role') === 'region' && b.getAttribute('aria-label'))"));
        await Accessibility.AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task A_reader_follows_an_area_link_and_picks_a_year()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Link, new() { Name = "Utbildning som gör skillnad" }).ClickAsync();
        await page.WaitForURLAsync("**/omraden/utbildning-som-gor-skillnad");
        await page.GetByRole(AriaRole.Link, new() { Name = "2024", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/omraden/utbildning-som-gor-skillnad?ar=2024");

        // Enhanced navigation may update the address before it merges the new content: let Playwright wait for it.
        await Assertions.Expect(page.Locator("#mal-rubrik")).ToContainTextAsync("budgetår 2024");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "2024", Exact = true })).ToHaveAttributeAsync("aria-current", "page");
    }

    [Fact]
    public async Task The_pages_work_without_JavaScript()
    {
        var page = await browser.NewPageAsync(javaScriptEnabled: false);
        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Link, new() { Name = "Nämnder och bolag" }).First.ClickAsync();
        await page.WaitForURLAsync("**/organisationer");
        await page.GetByRole(AriaRole.Link, new() { Name = "Kunskapsnämnden" }).ClickAsync();
        await page.WaitForURLAsync("**/organisationer/kunskapsnamnden");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Kunskapsnämnden");
        await Assertions.Expect(page.Locator("table.data tbody tr")).ToHaveCountAsync(3);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/organisationer")]
    [InlineData("/omraden/vaxa-for-framtiden")]
    [InlineData("/beslutsstatus")]
    public async Task On_a_full_page_load_the_first_Tab_reaches_the_skip_link_which_leads_to_the_main_content(string address)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(address);
        await page.WaitForLoadStateAsync(LoadState.Load);

        // Nothing moves focus on a full load: the browser starts at the top of the page.
        Assert.Equal("BODY", await page.EvaluateAsync<string>("() => document.activeElement.tagName"));
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Hoppa till huvudinnehållet", await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()"));
        Assert.True(await page.GetByRole(AriaRole.Link, new() { Name = "Hoppa till huvudinnehållet" }).IsVisibleAsync());

        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("huvudinnehall", await page.EvaluateAsync<string>("() => document.activeElement.id"));
    }

    [Fact]
    public async Task Public_pages_load_no_Blazor_script_and_the_workspace_does()
    {
        var page = await browser.NewPageAsync();
        var scripts = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.ResourceType == "script")
            {
                scripts.Add(request.Url);
            }
        };

        await page.GotoAsync("/beslutsstatus");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Equal(["portal"], scripts.Select(u => new Uri(u).Segments[^1].Split('.')[0]));
        Assert.False(await page.EvaluateAsync<bool>("() => typeof window.Blazor !== 'undefined'"));

        await SignIn.AsAsync(page, "politiker@sandviken.example");
        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.Blazor !== 'undefined'"));
    }
}
