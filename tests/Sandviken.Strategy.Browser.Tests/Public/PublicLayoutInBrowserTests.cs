using Microsoft.Playwright;
using Sandviken.Strategy.Browser.Tests.Infrastructure;

namespace Sandviken.Strategy.Browser.Tests.Public;

/// <summary>
/// Issue 7, part 5: the public pages measured in Chromium on a 375 px phone and a 1280 px screen: the plan page's
/// indicator charts and values tables are readable, and every target in the menus is at least 24 × 24 px.
/// </summary>
public sealed class PublicLayoutInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    public static TheoryData<string, int> PlanPagesAndWidths => new()
    {
        { "/organisationer/kunskapsnamnden/2025", 375 },
        { "/organisationer/kunskapsnamnden/2025", 1280 },
        { "/organisationer/kultur-och-fritidsnamnden/2025", 375 },
        { "/organisationer/kultur-och-fritidsnamnden/2025", 1280 },
    };

    [Theory]
    [MemberData(nameof(PlanPagesAndWidths))]
    public async Task Indicator_values_tables_show_every_column_and_write_dates_on_at_most_two_lines(string url, int width)
    {
        var page = await browser.NewPageAsync(width: width);
        await page.GotoAsync(url);

        var tables = await page.EvaluateAsync<TableBox[]>(@"() => [...document.querySelectorAll('[data-testid=indicator-series] table.values')].map(t => {
            const box = t.closest('.table-scroll');
            const lines = td => { const r = document.createRange(); r.selectNodeContents(td); return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; };
            return {
                width: t.getBoundingClientRect().width,
                overflow: box.scrollWidth - box.clientWidth,
                headersInside: [...t.querySelectorAll('thead th')].every(th => th.getBoundingClientRect().right <= box.getBoundingClientRect().right + 1),
                dateLines: Math.max(...[...t.querySelectorAll('td.fetched')].map(lines)),
            };
        })");

        Assert.NotEmpty(tables);
        Assert.All(tables, t =>
        {
            Assert.True(t.Overflow <= 1, $"The values table at {width} px is cut by {t.Overflow} px.");
            Assert.True(t.HeadersInside, $"A column heading (Hämtat) lies outside the table's box at {width} px.");
            Assert.True(t.DateLines <= (width >= 1280 ? 1 : 2), $"A date takes {t.DateLines} lines at {width} px.");
            // Side by side with the chart on a wide screen, the table still gets more than half of the line.
            Assert.True(width < 1280 || t.Width >= 560, $"The values table is only {t.Width} px wide at {width} px.");
        });
    }

    [Theory]
    [MemberData(nameof(PlanPagesAndWidths))]
    public async Task Chart_labels_are_at_least_12_pixels_and_do_not_overlap(string url, int width)
    {
        var page = await browser.NewPageAsync(width: width);
        await page.GotoAsync(url);

        var charts = await page.EvaluateAsync<ChartBox[]>(@"() => [...document.querySelectorAll('svg.indicator-chart')].map(svg => {
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            const texts = [...svg.querySelectorAll('text.label')];
            const labels = texts.map(t => t.getBoundingClientRect());
            const outer = svg.getBoundingClientRect();
            const overlap = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
            return {
                smallestFont: Math.min(...[...svg.querySelectorAll('text.label')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale)),
                overlapping: texts.flatMap((a, i) => texts.filter((b, j) => j > i && overlap(labels[i], labels[j])).map(b => a.textContent + ' / ' + b.textContent)).join('; '),
                outside: texts.filter((t, i) => !(labels[i].left >= outer.left - 0.5 && labels[i].right <= outer.right + 0.5 && labels[i].top >= outer.top - 0.5 && labels[i].bottom <= outer.bottom + 0.5)).map(t => t.textContent).join('; '),
            };
        })");

        Assert.NotEmpty(charts);
        Assert.All(charts, c =>
        {
            Assert.True(c.SmallestFont >= 12, $"A chart label is {c.SmallestFont:0.0} px at {width} px.");
            Assert.True(c.Overlapping.Length == 0, $"Chart labels overlap at {width} px: {c.Overlapping}");
            Assert.True(c.Outside.Length == 0, $"Chart labels stick out of the chart at {width} px: {c.Outside}");
        });
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/beslutsstatus")]
    [InlineData("/omraden/vaxa-for-framtiden")]
    [InlineData("/organisationer/kunskapsnamnden/2025")]
    public async Task On_a_phone_every_menu_and_navigation_target_is_at_least_24_by_24_pixels(string url)
    {
        var page = await browser.NewPageAsync(width: 375);
        await page.GotoAsync(url);

        var targets = await page.EvaluateAsync<Target[]>(@"() => [...document.querySelectorAll('header a, header button, nav a, nav button')]
            .map(e => ({ text: e.textContent.trim(), box: e.getBoundingClientRect() }))
            .filter(t => t.box.width > 0 && t.box.height > 0 && t.box.right > 0)
            .map(t => ({ text: t.text, width: t.box.width, height: t.box.height }))");

        Assert.Contains(targets, t => t.Text == "Beslutsstatus");
        Assert.All(targets, t => Assert.True(t.Width >= 24 && t.Height >= 24, $"”{t.Text}” is {t.Width:0} × {t.Height:0} px on {url}."));
    }

    [Fact]
    public async Task On_a_phone_the_menu_is_two_even_columns_and_long_words_may_be_hyphenated()
    {
        var page = await browser.NewPageAsync(width: 375);
        await page.GotoAsync("/");

        var lefts = await page.EvaluateAsync<double[]>("() => [...document.querySelectorAll('.site-nav li')].map(li => Math.round(li.getBoundingClientRect().left))");
        Assert.Equal(2, lefts.Distinct().Count());
        Assert.Equal("sv", await page.EvaluateAsync<string>("() => document.documentElement.lang"));
        Assert.Equal("auto", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('main p')).hyphens"));
    }

    // Playwright fills these from the script's objects (it needs settable properties).
    private sealed class TableBox
    {
        public double Width { get; set; }

        public double Overflow { get; set; }

        public bool HeadersInside { get; set; }

        public int DateLines { get; set; }
    }

    private sealed class ChartBox
    {
        public double SmallestFont { get; set; }

        public string Overlapping { get; set; } = "";

        public string Outside { get; set; } = "";
    }

    private sealed class Target
    {
        public string Text { get; set; } = "";

        public double Width { get; set; }

        public double Height { get; set; }
    }
}
