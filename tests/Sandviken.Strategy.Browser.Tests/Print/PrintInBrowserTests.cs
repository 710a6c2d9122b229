using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sandviken.Strategy.Browser.Tests.Infrastructure;
using Sandviken.Strategy.Domain.Areas;
using Sandviken.Strategy.Domain.Data;

namespace Sandviken.Strategy.Browser.Tests.Print;

/// <summary>
/// Issue 10, item 2, in Chromium's print media: the public plan page, the area page and the dashboard print without
/// menus, with table rows that are never cut in two, a header row that repeats, and each link's address after it.
/// </summary>
public sealed class PrintInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    public static TheoryData<string> PrintedPages => new()
    {
        "/organisationer/kunskapsnamnden/2025",
        "/omraden/vaxa-for-framtiden",
        "/beslutsstatus",
    };

    [Theory]
    [MemberData(nameof(PrintedPages))]
    public async Task Printing_hides_every_menu_and_the_footer_but_keeps_the_content(string path)
    {
        var page = await PrintPreviewAsync(path);

        var hidden = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('nav, .skip-link, .site-footer')]
            .filter(e => getComputedStyle(e).display !== 'none').map(e => e.outerHTML.slice(0, 80))");
        Assert.Empty(hidden);
        Assert.True(await page.Locator("nav").CountAsync() >= 2, "The page has its menus on screen, so the test checks something.");
        await Assertions.Expect(page.Locator("main h1")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main table:visible").First).ToBeVisibleAsync();
    }

    [Theory]
    [MemberData(nameof(PrintedPages))]
    public async Task Printed_tables_keep_each_row_whole_and_repeat_their_header_row(string path)
    {
        var page = await PrintPreviewAsync(path);

        var styles = await page.EvaluateAsync<TableStyle[]>(@"() => [...document.querySelectorAll('main table')].map(t => ({
            rows: [...t.rows].map(r => getComputedStyle(r).breakInside),
            header: t.tHead ? getComputedStyle(t.tHead).display : null,
            scrollBox: t.closest('.table-scroll') ? getComputedStyle(t.closest('.table-scroll')).overflowX : 'visible'
        }))");

        Assert.NotEmpty(styles);
        Assert.All(styles, table =>
        {
            Assert.All(table.Rows, breakInside => Assert.Equal("avoid", breakInside));
            Assert.Equal("table-header-group", table.Header);
            Assert.Equal("visible", table.ScrollBox);
        });
    }

    [Theory]
    [MemberData(nameof(PrintedPages))]
    public async Task Each_printed_link_shows_its_full_address_after_it(string path)
    {
        var page = await PrintPreviewAsync(path);

        var links = await page.EvaluateAsync<PrintedLink[]>(@"() => [...document.querySelectorAll('main a[href]')]
            .filter(a => !a.getAttribute('href').startsWith('#') && a.offsetParent !== null)
            .map(a => ({ href: a.href, after: getComputedStyle(a, '::after').content }))");

        Assert.True(links.Length >= 3, $"{path} has {links.Length} links in its content.");
        Assert.All(links, link => Assert.Equal($"\" ({link.Href})\"", link.After));
        Assert.Contains(links, link => link.Href.StartsWith(browser.BaseAddress.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_scripts_a_printed_link_shows_its_path_and_the_page_its_full_address()
    {
        var page = await browser.NewPageAsync(javaScriptEnabled: false);
        await page.GotoAsync("/organisationer/kunskapsnamnden/2025");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        var after = await page.EvaluateAsync<string>(@"() => getComputedStyle(document.querySelector('main a[href^=""/""]'), '::after').content");
        var href = await page.Locator("main a[href^='/']").First.GetAttributeAsync("href");
        Assert.Equal($"\" ({href})\"", after);

        var source = page.Locator(".print-source");
        await Assertions.Expect(source).ToBeVisibleAsync();
        await Assertions.Expect(source).ToHaveTextAsync($"Utskrift av {new Uri(browser.BaseAddress, "/organisationer/kunskapsnamnden/2025")}");
    }

    [Fact]
    public async Task On_screen_the_print_address_and_link_addresses_are_not_shown()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/organisationer/kunskapsnamnden/2025");

        await Assertions.Expect(page.Locator(".print-source")).ToBeHiddenAsync();
        var after = await page.EvaluateAsync<string>(@"() => getComputedStyle(document.querySelector('main a[href^=""/""]'), '::after').content");
        Assert.Equal("none", after);
        await Assertions.Expect(page.Locator("nav[aria-label='Huvudmeny']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Printing_the_area_page_opens_its_closed_value_lists_and_closes_them_afterwards()
    {
        await EnsureAmbitionValuesAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/omraden/vaxa-for-framtiden");
        var closed = await page.EvaluateAsync<int>("() => document.querySelectorAll('main details:not([open])').length");
        Assert.True(closed > 0, "The area page has closed lists of values to open.");

        await page.EvaluateAsync("() => window.dispatchEvent(new Event('beforeprint'))");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.querySelectorAll('main details:not([open])').length"));

        await page.EvaluateAsync("() => window.dispatchEvent(new Event('afterprint'))");
        Assert.Equal(closed, await page.EvaluateAsync<int>("() => document.querySelectorAll('main details:not([open])').length"));
    }

    [Theory]
    [MemberData(nameof(PrintedPages))]
    public async Task Chromium_prints_the_page_to_a_pdf(string path)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(path);

        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4" });

        Assert.True(pdf.Length > 1000, $"{path} printed to {pdf.Length} bytes.");
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5));
    }

    private async Task<IPage> PrintPreviewAsync(string path)
    {
        await EnsureAmbitionValuesAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(path);
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        return page;
    }

    // Values for the area page's ambition "50 000 invånare", so that it has a closed list of values and a Kolada link.
    private async Task EnsureAmbitionValuesAsync()
    {
        await using var db = await browser.Services.GetRequiredService<IDbContextFactory<StrategyDbContext>>().CreateDbContextAsync();
        var ambition = await db.AreaAmbitions.SingleAsync(a => a.KoladaKpiId == "N01951");
        if (await db.AmbitionMeasurements.AnyAsync(m => m.AreaAmbitionId == ambition.Id))
        {
            return;
        }

        var fetched = new DateTime(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc);
        db.AmbitionMeasurements.AddRange(
            new AmbitionMeasurement { AreaAmbitionId = ambition.Id, Period = "2023", Value = 39200m, Source = "Kolada", FetchedAtUtc = fetched },
            new AmbitionMeasurement { AreaAmbitionId = ambition.Id, Period = "2024", Value = 39400m, Source = "Kolada", FetchedAtUtc = fetched });
        await db.SaveChangesAsync();
    }

    // Playwright fills these by their settable properties.
    private sealed class TableStyle
    {
        public string[] Rows { get; set; } = [];

        public string? Header { get; set; }

        public string ScrollBox { get; set; } = "";
    }

    private sealed class PrintedLink
    {
        public string Href { get; set; } = "";

        public string After { get; set; } = "";
    }
}
