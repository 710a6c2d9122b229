using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Sandviken.Strategy.Domain.Plans;
using Sandviken.Strategy.Domain.Workspace;
using Sandviken.Strategy.Web.Components.Pages.Workspace;

namespace Sandviken.Strategy.Web.Tests.Components;

#pragma warning disable CA1001 // xunit disposes the test class through IAsyncLifetime.DisposeAsync.
public sealed class GoalEditorTests : IAsyncLifetime
{
    private static readonly AreaOption[] Areas =
    [
        new(1, "vaxa-for-framtiden", "Växa för framtiden"),
        new(2, "minskad-klimatpaverkan", "Minskad klimatpåverkan"),
        new(3, "utbildning-som-gor-skillnad", "Utbildning som gör skillnad"),
    ];

    private readonly BunitContext context = new();
    private GoalInput? saved;

    public Task InitializeAsync()
    {
        context.Services.AddMudServices();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        // As in the workspace: an interactive server component (the editor moves focus only when interactive).
        context.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await context.DisposeAsync();

    [Fact]
    public void A_new_goal_shows_labelled_fields_and_one_checkbox_per_area()
    {
        var editor = Render();

        Assert.Contains("Nytt mål", editor.Find("h3").TextContent, StringComparison.Ordinal);
        Assert.NotNull(editor.Find("label[for='mal-title']"));
        Assert.NotNull(editor.Find("label[for='mal-description']"));
        var checkboxes = editor.FindAll("input[type='checkbox']");
        Assert.Equal(3, checkboxes.Count);
        Assert.Equal(["Växa för framtiden", "Minskad klimatpåverkan", "Utbildning som gör skillnad"],
            editor.FindAll(".area-choices label").Select(l => l.TextContent.Trim()));
        Assert.Equal("Strategiska områden som målet bidrar till (minst ett)", editor.Find(".area-choices legend").TextContent);
    }

    [Fact]
    public async Task Saving_hands_over_what_was_typed_ticked_and_added()
    {
        var editor = Render();

        editor.Find("#mal-title").Change("Fler bostäder");
        editor.Find("#mal-description").Change("Planberedskap för 500 bostäder.");
        await editor.FindAll("input[type='checkbox']")[0].ChangeAsync(new() { Value = true });
        await editor.FindAll("input[type='checkbox']")[1].ChangeAsync(new() { Value = true });
        await editor.FindAll("button").First(b => b.TextContent.Contains("Lägg till indikator", StringComparison.Ordinal)).ClickAsync(new());
        editor.Find("#mal-indicator-0-name").Change("Antal färdigställda bostäder");
        editor.Find("#mal-indicator-0-unit").Change("antal");
        editor.Find("#mal-indicator-0-direction").Change("Increase");
        editor.Find("#mal-indicator-0-target").Change("500");
        editor.Find("#mal-indicator-0-target-year").Change("2028");
        await editor.Find("[data-testid='save-goal']").ClickAsync(new());

        Assert.NotNull(saved);
        Assert.Equal("Fler bostäder", saved.Title);
        Assert.Equal("Planberedskap för 500 bostäder.", saved.Description);
        Assert.Equal([1, 2], saved.AreaIds);
        var indicator = Assert.Single(saved.Indicators);
        Assert.Equal(("Antal färdigställda bostäder", "antal", IndicatorDirection.Increase, 500m, 2028), (indicator.Name, indicator.Unit, indicator.Direction, indicator.TargetValue, indicator.TargetYear));
    }

    [Fact]
    public void Service_errors_are_shown_next_to_their_fields_with_a_summary()
    {
        var editor = Render(errors: new Dictionary<string, string>
        {
            [nameof(GoalInput.Title)] = "Ange en rubrik för målet.",
            [nameof(GoalInput.AreaIds)] = "Koppla målet till minst ett strategiskt område.",
        });

        Assert.Contains("Målet har inte sparats", editor.Find("[role='alert']").TextContent, StringComparison.Ordinal);
        Assert.Contains("Ange en rubrik för målet.", editor.Find("#mal-title").ParentElement!.ParentElement!.ParentElement!.TextContent, StringComparison.Ordinal);
        var areaError = editor.Find("#mal-areas-error");
        Assert.Equal("Koppla målet till minst ett strategiskt område.", areaError.TextContent);
        Assert.Equal("mal-areas-error", editor.Find(".area-choices").GetAttribute("aria-describedby"));
    }

    [Fact]
    public void Errors_from_a_failed_save_keep_what_the_user_typed()
    {
        var editor = Render();
        editor.Find("#mal-description").Change("Min text");

        editor.Render(p => p.Add(x => x.Errors, new Dictionary<string, string> { [nameof(GoalInput.Title)] = "Ange en rubrik för målet." }));

        Assert.Equal("Min text", editor.Find("#mal-description").GetAttribute("value") ?? editor.Find("#mal-description").TextContent);
    }

    [Fact]
    public async Task Editing_an_existing_goal_starts_from_its_values_and_an_indicator_can_be_removed()
    {
        var existing = new GoalInput("Minskade utsläpp", "Från tjänsteresor", [2],
        [
            new IndicatorInput("Utsläpp", "ton CO2e", IndicatorDirection.Decrease, 120m, 2024, 60m, 2030, "N00401"),
            new IndicatorInput("Elbilar", "procent", IndicatorDirection.Increase, null, null, null, null, null),
        ]);
        var editor = Render(existing);

        Assert.Contains("Redigera mål: Minskade utsläpp", editor.Find("h3").TextContent, StringComparison.Ordinal);
        Assert.Equal("Minskade utsläpp", editor.Find("#mal-title").GetAttribute("value"));
        Assert.Equal(2, editor.FindAll("[data-testid='indicator']").Count);
        await editor.FindAll("button").First(b => b.TextContent.Contains("Ta bort indikator 2", StringComparison.Ordinal)).ClickAsync(new());
        await editor.Find("[data-testid='save-goal']").ClickAsync(new());

        Assert.Equal(existing with { Indicators = [existing.Indicators[0]] }, saved, new GoalInputComparer());
    }

    private IRenderedComponent<GoalEditor> Render(GoalInput? initial = null, IReadOnlyDictionary<string, string>? errors = null) =>
        context.Render<GoalEditor>(p => p
            .Add(x => x.Areas, Areas)
            .Add(x => x.Initial, initial)
            .Add(x => x.Errors, errors ?? new Dictionary<string, string>())
            .Add(x => x.OnSave, (GoalInput input) => saved = input));

    private sealed class GoalInputComparer : IEqualityComparer<GoalInput?>
    {
        public bool Equals(GoalInput? x, GoalInput? y) =>
            x is not null && y is not null && x.Title == y.Title && x.Description == y.Description
            && x.AreaIds.SequenceEqual(y.AreaIds) && x.Indicators.SequenceEqual(y.Indicators);

        public int GetHashCode(GoalInput? obj) => 0;
    }
}
