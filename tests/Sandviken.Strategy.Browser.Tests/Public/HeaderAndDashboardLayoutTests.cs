using Microsoft.Playwright;
using Sandviken.Strategy.Browser.Tests.Infrastructure;

namespace Sandviken.Strategy.Browser.Tests.Public;

/// <summary>
/// Issue 8, item 6, measured in Chromium: "Logga ut" (a form button) sits level with the header's links, and the
/// dashboard's summary bars line up however their labels wrap.
/// </summary>
public sealed class HeaderAndDashboardLayoutTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    // The visible words of each menu item: the button's hidden user name is left out, as a sighted user sees it.
    private const string MenuItemsScript = @"() => [...document.querySelectorAll('.site-nav li')].map(li => {
        const target = li.querySelector('a, button');
        const words = [...target.childNodes].find(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
        const range = document.createRange();
        range.selectNodeContents(words);
        const text = range.getBoundingClientRect();
        const box = target.getBoundingClientRect();
        return { text: words.textContent.trim(), boxTop: box.top, boxBottom: box.bottom, textTop: text.top, textBottom: text.bottom };
    })";

    [Theory]
    [InlineData(1280)]
    [InlineData(800)]
    [InlineData(375)]
    public async Task Logga_ut_sits_level_with_the_other_links_of_its_header_row(int width)
    {
        var page = await browser.NewPageAsync(width: width);
        await SignIn.AsAsync(page, "admin@sandviken.example");

        var items = await page.EvaluateAsync<MenuItem[]>(MenuItemsScript);

        var signOut = Assert.Single(items, i => i.Text == "Logga ut");
        // The links on its row (on a phone the menu is two columns), or, when it wrapped onto a row of its own, the row above.
        var others = items.Where(i => i != signOut).ToList();
        var row = others.Where(i => i.BoxBottom > signOut.BoxTop && i.BoxTop < signOut.BoxBottom).ToList();
        if (row.Count == 0)
        {
            var above = others.Where(i => i.BoxBottom <= signOut.BoxTop).Max(i => i.BoxTop);
            var rowAbove = others.Where(i => Math.Abs(i.BoxTop - above) < 1).ToList();
            Assert.All(rowAbove, link => Assert.True(Math.Abs(link.BoxBottom - link.BoxTop - (signOut.BoxBottom - signOut.BoxTop)) <= 1, $"At {width} px ”Logga ut” is {signOut.BoxBottom - signOut.BoxTop:0.0} px high and ”{link.Text}” {link.BoxBottom - link.BoxTop:0.0} px."));
            Assert.All(rowAbove, link => Assert.True(Math.Abs(link.TextCentre - link.BoxCentre - (signOut.TextCentre - signOut.BoxCentre)) <= 1, $"At {width} px the words ”Logga ut” sit {signOut.TextCentre - signOut.BoxCentre:0.0} px from its centre and ”{link.Text}” {link.TextCentre - link.BoxCentre:0.0} px."));
            return;
        }

        Assert.All(row, link =>
        {
            Assert.True(Math.Abs(link.BoxCentre - signOut.BoxCentre) <= 1, $"At {width} px ”Logga ut” is centred at {signOut.BoxCentre:0.0} px and ”{link.Text}” at {link.BoxCentre:0.0} px.");
            Assert.True(Math.Abs(link.TextCentre - signOut.TextCentre) <= 1, $"At {width} px the words ”Logga ut” are centred at {signOut.TextCentre:0.0} px and ”{link.Text}” at {link.TextCentre:0.0} px.");
        });
    }

    // 375: one column, the bars one above the other. 800: two columns, and the September label takes two lines.
    [Theory]
    [InlineData(375)]
    [InlineData(800)]
    [InlineData(1280)]
    public async Task The_dashboards_summary_bars_line_up_when_a_label_wraps(int width)
    {
        var page = await browser.NewPageAsync(width: width);
        await page.GotoAsync("/beslutsstatus?ar=2026");

        var bars = await page.EvaluateAsync<Bar[]>(@"() => [...document.querySelectorAll('[data-testid=progress]')].map(p => {
            const label = p.querySelector('p');
            const bar = p.querySelector('.mud-progress-linear').getBoundingClientRect();
            const range = document.createRange();
            range.selectNodeContents(label);
            const lines = new Set([...range.getClientRects()].map(r => Math.round(r.bottom))).size;
            return { left: bar.left, top: bar.top, width: bar.width, labelLines: lines, labelBottom: label.getBoundingClientRect().bottom };
        })");

        Assert.Equal(2, bars.Length);
        var (draft, final) = (bars[0], bars[1]);
        Assert.True(width >= 1280 || final.LabelLines > draft.LabelLines, $"At {width} px the labels take {draft.LabelLines} and {final.LabelLines} lines: the test needs one to wrap.");
        Assert.True(Math.Abs(draft.Width - final.Width) <= 0.5, $"At {width} px the bars are {draft.Width:0.0} and {final.Width:0.0} px wide.");
        Assert.All(bars, b => Assert.True(b.Top >= b.LabelBottom - 0.5, $"At {width} px a bar (y = {b.Top:0.0}) overlaps its label (bottom {b.LabelBottom:0.0})."));
        if (final.Top > draft.Top + 5 && final.Left <= draft.Left + 0.5)
        {
            // One above the other.
            Assert.True(Math.Abs(draft.Left - final.Left) <= 0.5, $"At {width} px the bars start at x = {draft.Left:0.0} and {final.Left:0.0}.");
        }
        else
        {
            // Side by side: however many lines a label takes, both bars start at the same height.
            Assert.True(final.Left > draft.Left + draft.Width, $"At {width} px the bars neither stack nor stand side by side: x = {draft.Left:0.0} and {final.Left:0.0}.");
            Assert.True(Math.Abs(draft.Top - final.Top) <= 0.5, $"At {width} px the bars side by side start at y = {draft.Top:0.0} and {final.Top:0.0}.");
        }
    }

    // Playwright fills these from the script's objects (it needs settable properties).
    private sealed class MenuItem
    {
        public string Text { get; set; } = "";

        public double BoxTop { get; set; }

        public double BoxBottom { get; set; }

        public double TextTop { get; set; }

        public double TextBottom { get; set; }

        public double BoxCentre => (BoxTop + BoxBottom) / 2;

        public double TextCentre => (TextTop + TextBottom) / 2;
    }

    private sealed class Bar
    {
        public double Left { get; set; }

        public double Top { get; set; }

        public double Width { get; set; }

        public int LabelLines { get; set; }

        public double LabelBottom { get; set; }
    }
}
