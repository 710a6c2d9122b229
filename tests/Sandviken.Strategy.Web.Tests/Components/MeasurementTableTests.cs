using Bunit;
using Sandviken.Strategy.Domain.Plans;
using Sandviken.Strategy.Web.Components.Shared;

namespace Sandviken.Strategy.Web.Tests.Components;

public sealed class MeasurementTableTests : IDisposable
{
    // 09:00 UTC on 26 November is 10:00 in Sandviken.
    private static readonly DateTime Fetched = new(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc);

    private readonly BunitContext context = new();

    public void Dispose() => context.Dispose();

    [Fact]
    public void Renders_the_table_the_plan_page_had_before_it_was_shared()
    {
        var table = context.Render<MeasurementTable>(p => p
            .Add(c => c.Caption, "Värden för ”Andel behöriga” (procent)")
            .Add(c => c.Points, [new MeasurementPoint("2024", 80m, "Kolada", Fetched), new MeasurementPoint("2025", 81.2m, "Exempeldata", Fetched)]));

        table.MarkupMatches("""
            <div class="table-scroll">
              <table class="data values">
                <caption>Värden för ”Andel behöriga” (procent)</caption>
                <thead><tr><th scope="col">Period</th><th scope="col">Värde</th><th scope="col">Källa</th><th scope="col">Hämtat</th></tr></thead>
                <tbody>
                  <tr>
                    <th scope="row">2024</th><td class="number">80</td><td>Kolada</td>
                    <td class="fetched"><span class="nowrap">2026-11-26</span> <span class="nowrap">kl. 10:00</span></td>
                  </tr>
                  <tr>
                    <th scope="row">2025</th><td class="number">81,2</td><td>Exempeldata</td>
                    <td class="fetched"><span class="nowrap">2026-11-26</span> <span class="nowrap">kl. 10:00</span></td>
                  </tr>
                </tbody>
              </table>
            </div>
            <p class="source-note" data-testid="kolada-attribution">Källa: Kolada (<a href="https://www.kolada.se/">kolada.se</a>).</p>
            """);
    }

    [Fact]
    public void Names_Kolada_as_the_source_only_when_one_of_the_values_is_Koladas()
    {
        var own = context.Render<MeasurementTable>(p => p
            .Add(c => c.Caption, "Värden")
            .Add(c => c.Points, [new MeasurementPoint("2025", 81.2m, "Manuellt", Fetched)]));
        var kolada = context.Render<MeasurementTable>(p => p
            .Add(c => c.Caption, "Värden")
            .Add(c => c.Points, [new MeasurementPoint("2025", 81.2m, "Manuellt", Fetched), new MeasurementPoint("2024", 80m, "Kolada", Fetched)]));

        Assert.Empty(own.FindAll("[data-testid=kolada-attribution]"));
        Assert.Equal("Källa: Kolada (kolada.se).", kolada.Find("[data-testid=kolada-attribution]").TextContent);
    }

    [Fact]
    public void A_hidden_caption_is_kept_for_screen_readers_only()
    {
        var table = context.Render<MeasurementTable>(p => p
            .Add(c => c.Caption, "Värden för Fler invånare")
            .Add(c => c.CaptionHidden, true)
            .Add(c => c.Points, [new MeasurementPoint("2024", 50_000m, "Kolada", Fetched)]));

        var caption = table.Find("caption");
        Assert.Equal("visually-hidden", caption.GetAttribute("class"));
        Assert.Equal("Värden för Fler invånare", caption.TextContent);
        // Values in the Swedish way, with a non-breaking space between thousands.
        Assert.Equal("50\u00A0000", table.Find("td.number").TextContent);
    }

    [Fact]
    public void Rows_keep_the_order_given()
    {
        var table = context.Render<MeasurementTable>(p => p
            .Add(c => c.Caption, "Värden")
            .Add(c => c.Points, [new MeasurementPoint("2025", 2m, "Kolada", Fetched), new MeasurementPoint("2023", 1m, "Kolada", Fetched)]));

        Assert.Equal(["2025", "2023"], table.FindAll("tbody th").Select(th => th.TextContent));
    }
}
