using Bunit;
using Sandviken.Strategy.Web.Components.Shared;

namespace Sandviken.Strategy.Web.Tests.Components;

public sealed class IndicatorChartTests : IDisposable
{
    private readonly BunitContext context = new();

    public void Dispose() => context.Dispose();

    [Fact]
    public void The_target_is_drawn_as_a_line_at_its_value_and_named_in_the_text_alternative()
    {
        var chart = context.Render<IndicatorChart>(p => p
            .Add(c => c.Name, "Andel behöriga")
            .Add(c => c.Unit, "procent")
            .Add(c => c.Points, [(2023, 70m), (2024, 80m)])
            .Add(c => c.Target, 90m)
            .Add(c => c.TargetYear, 2026));

        var target = chart.Find("line.target");
        // The scale runs from 70 (bottom, y = 168) to 90 (top, y = 24): the target line sits at the top.
        Assert.Equal(("24", "24"), (target.GetAttribute("y1"), target.GetAttribute("y2")));
        Assert.Contains(chart.FindAll("text.label"), t => t.TextContent == "Mål 90 (2026)");
        Assert.Equal(
            "Diagram: Andel behöriga per år, 2023: 70 procent, 2024: 80 procent. Målvärde 90 procent år 2026.",
            chart.Find("svg").GetAttribute("aria-label"));
        // The x axis reaches the target year: 2023 at the left edge (40), 2026 at the right (338), so 2024 is a third of the way.
        Assert.Equal("139.3", chart.FindAll("circle.dot")[^1].GetAttribute("cx"));
    }

    [Fact]
    public void Ten_years_of_long_values_keep_their_labels_apart_and_inside_the_chart()
    {
        var chart = context.Render<IndicatorChart>(p => p
            .Add(c => c.Name, "Antal invånare")
            .Add(c => c.Points, [.. Enumerable.Range(2015, 11).Select(y => (y, 39_000.25m + y))]));

        var years = chart.FindAll("text.label").Where(t => t.TextContent.Length == 4).ToList();
        var xs = years.Select(t => double.Parse(t.GetAttribute("x")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        // Years at least 44 units apart (a year in 14-unit type is about 32 wide); 2015 is always written.
        Assert.Equal("2015", years[0].TextContent);
        Assert.All(xs.Zip(xs.Skip(1)), pair => Assert.True(pair.Second - pair.First >= 44, $"{pair.First} and {pair.Second}"));
        // "41 040,25" is nine characters: the axis moves right to make room for it.
        var axis = double.Parse(chart.FindAll("line.axis")[1].GetAttribute("x1")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(axis >= 12 + 8 * "41 040,25".Length, $"axis at {axis}");
    }

    [Fact]
    public void A_target_without_a_year_is_not_drawn()
    {
        var chart = context.Render<IndicatorChart>(p => p
            .Add(c => c.Name, "Andel")
            .Add(c => c.Points, [(2023, 70m), (2024, 80m)])
            .Add(c => c.Target, 90m));

        Assert.Empty(chart.FindAll("line.target"));
        Assert.EndsWith("2023: 70, 2024: 80.", chart.Find("svg").GetAttribute("aria-label"), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_values_there_is_no_chart()
    {
        var chart = context.Render<IndicatorChart>(p => p.Add(c => c.Name, "Andel").Add(c => c.Points, []));

        Assert.Empty(chart.FindAll("svg"));
    }
    public static TheoryData<decimal[], decimal?> ExtremeSeries => new()
    {
        { [decimal.MaxValue, decimal.MinValue], null },
        { [decimal.MinValue, decimal.MinValue], null },
        { [decimal.MaxValue], null },
        { [decimal.MaxValue, decimal.MaxValue - 1], null },
        { [0.0000000000000000000000000001m, 0.0000000000000000000000000002m], decimal.MinValue },
        { [1m, 2m], decimal.MaxValue },
        { [99_999_999_999_999.9999m, -99_999_999_999_999.9999m], 0m },
    };

    [Theory]
    [MemberData(nameof(ExtremeSeries))]
    public void Values_at_decimals_limits_are_drawn_inside_the_chart_without_overflow(decimal[] values, decimal? target)
    {
        var chart = context.Render<IndicatorChart>(p => p
            .Add(c => c.Name, "Värde")
            .Add(c => c.Points, [.. values.Select((v, i) => (2020 + i, v))])
            .Add(c => c.Target, target)
            .Add(c => c.TargetYear, target is null ? null : 2030));

        var svg = chart.Find("svg");
        var coordinates = chart.FindAll("circle.dot").Select(c => c.GetAttribute("cy"))
            .Concat(chart.FindAll("line").SelectMany(l => new[] { l.GetAttribute("x1"), l.GetAttribute("y1"), l.GetAttribute("x2"), l.GetAttribute("y2") }))
            .Concat(chart.FindAll("circle.dot").Select(c => c.GetAttribute("cx")))
            .Select(a => double.Parse(a!, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        Assert.Equal(values.Length, chart.FindAll("circle.dot").Count);
        // Inside the 360 x 200 drawing: every dot between the top (24) and the axis (164), every x within the width.
        Assert.All(chart.FindAll("circle.dot").Select(c => Number(c.GetAttribute("cy"))), y => Assert.InRange(y, 24, 164));
        Assert.All(coordinates, c => Assert.InRange(c, 0, 360));
        Assert.Contains(values.Max() == decimal.MaxValue ? "79 228 162 514 264 337 593 543 950 335" : "Diagram", svg.GetAttribute("aria-label")!.Replace('\u00A0', ' '), StringComparison.Ordinal);
    }

    private static double Number(string? text) =>
        double.Parse(text!, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
}
