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
        // The scale runs from 70 (bottom, y = 136) to 90 (top, y = 44): the target line sits at the top.
        Assert.Equal(("44", "44"), (target.GetAttribute("y1"), target.GetAttribute("y2")));
        Assert.Contains(chart.FindAll("text.label"), t => t.TextContent == "Mål 90 (2026)");
        Assert.Equal(
            "Diagram: Andel behöriga per år, 2023: 70 procent, 2024: 80 procent. Målvärde 90 procent år 2026.",
            chart.Find("svg").GetAttribute("aria-label"));
        // The x axis reaches the target year: 2023 at the left edge (44), 2026 at the right (376), so 2024 is a third of the way.
        Assert.Equal("154.7", chart.FindAll("circle.dot")[^1].GetAttribute("cx"));
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
}
