using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Domain.Plans;
using Sandviken.Strategy.Domain.Workspace;
using Sandviken.Strategy.Domain.Validation;
using Sandviken.Strategy.Web.Components.Forms;
using Sandviken.Strategy.Web.Components.Pages.Workspace;
using Sandviken.Strategy.Web.Components.Shared;
using Sandviken.Strategy.Web.Localization;

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
    private int saves;

    public Task InitializeAsync()
    {
        context.Services.AddMudServicesInSwedish();
        context.Services.AddTransient<FormRunner>();
        context.AddAuthorization().SetAuthorized("sekreterare.kunskap@sandviken.example");
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
        await editor.ClickFreshAsync(() => editor.FindAll("button").First(b => b.TextContent.Contains("Lägg till indikator", StringComparison.Ordinal)));
        editor.Find("#mal-indicator-0-name").Change("Antal färdigställda bostäder");
        editor.Find("#mal-indicator-0-unit").Change("antal");
        editor.Find("#mal-indicator-0-direction").Change("Increase");
        editor.Find("#mal-indicator-0-target").Change("500");
        editor.Find("#mal-indicator-0-target-year").Change("2028");
        await editor.ClickFreshAsync(() => editor.Find("[data-testid='save-goal']"));

        Assert.NotNull(saved);
        Assert.Equal("Fler bostäder", saved.Title);
        Assert.Equal("Planberedskap för 500 bostäder.", saved.Description);
        Assert.Equal([1, 2], saved.AreaIds);
        var indicator = Assert.Single(saved.Indicators);
        Assert.Equal(("Antal färdigställda bostäder", "antal", IndicatorDirection.Increase, 500m, 2028), (indicator.Name, indicator.Unit, indicator.Direction, indicator.TargetValue, indicator.TargetYear));
    }

    [Fact]
    public async Task Service_errors_are_shown_next_to_their_fields_with_a_summary()
    {
        var editor = Render(errors: new Dictionary<string, string>
        {
            [nameof(GoalInput.Title)] = "Ange en rubrik för målet.",
            [nameof(GoalInput.AreaIds)] = "Koppla målet till minst ett strategiskt område.",
        });
        await editor.ClickFreshAsync(() => editor.Find("[data-testid='save-goal']"));

        Assert.Contains("Målet har inte sparats", editor.Find("[role='alert']").TextContent, StringComparison.Ordinal);
        Assert.Contains("Ange en rubrik för målet.", editor.Find("#mal-title").ParentElement!.ParentElement!.ParentElement!.TextContent, StringComparison.Ordinal);
        var areaError = editor.Find("#mal-areas-error");
        Assert.Equal("Koppla målet till minst ett strategiskt område.", areaError.TextContent);
        Assert.Equal("mal-areas-error", editor.Find(".area-choices").GetAttribute("aria-describedby"));
    }

    [Fact]
    public async Task Errors_from_a_failed_save_keep_what_the_user_typed()
    {
        var editor = Render(errors: new Dictionary<string, string> { [nameof(GoalInput.Title)] = "Ange en rubrik för målet." });
        editor.Find("#mal-description").Change("Min text");

        await editor.ClickFreshAsync(() => editor.Find("[data-testid='save-goal']"));

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
        await editor.ClickFreshAsync(() => editor.FindAll("button").First(b => b.TextContent.Contains("Ta bort indikator 2", StringComparison.Ordinal)));
        await editor.ClickFreshAsync(() => editor.Find("[data-testid='save-goal']"));

        Assert.Equal(existing with { Indicators = [existing.Indicators[0]] }, saved, new GoalInputComparer());
    }

    [Fact]
    public async Task Indicator_values_are_typed_the_Swedish_way_and_shown_the_Swedish_way()
    {
        var editor = Render(new GoalInput("Fler invånare", null, [1], []));
        await editor.ClickFreshAsync(() => editor.FindAll("button").First(b => b.TextContent.Contains("Lägg till indikator", StringComparison.Ordinal)));
        editor.Find("#mal-indicator-0-name").Change("Invånare");
        editor.Find("#mal-indicator-0-unit").Change("antal");

        editor.Find("#mal-indicator-0-baseline").Change("3,5");
        editor.Find("#mal-indicator-0-baseline-year").Change("2024");
        editor.Find("#mal-indicator-0-target").Change("1 000,25");
        editor.Find("#mal-indicator-0-target-year").Change("2030");

        Assert.Equal("3,5", editor.Find("#mal-indicator-0-baseline").GetAttribute("value"));
        Assert.Equal("1\u00A0000,25", editor.Find("#mal-indicator-0-target").GetAttribute("value"));
        await editor.ClickFreshAsync(() => editor.Find("[data-testid='save-goal']"));

        var indicator = Assert.Single(saved!.Indicators);
        Assert.Equal((3.5m, 2024, 1000.25m, 2030), (indicator.BaselineValue, indicator.BaselineYear, indicator.TargetValue, indicator.TargetYear));
    }

    [Theory]
    [InlineData("50 000", 50000)]
    [InlineData("50\u00A0000", 50000)]
    [InlineData("3.5", 3.5)]
    [InlineData("-0,25", -0.25)]
    public async Task Spaces_non_breaking_spaces_points_and_minus_signs_are_read(string typed, double expected)
    {
        var editor = Render(new GoalInput("Fler invånare", null, [1], [new IndicatorInput("Invånare", "antal", IndicatorDirection.Increase, null, null, null, null, null)]));

        editor.Find("#mal-indicator-0-target").Change(typed);
        await editor.ClickFreshAsync(() => editor.Find("[data-testid='save-goal']"));

        Assert.Equal((decimal)expected, Assert.Single(saved!.Indicators).TargetValue);
    }

    [Fact]
    public void Stored_values_are_shown_with_a_decimal_comma_and_grouped_thousands()
    {
        var editor = Render(new GoalInput("Fler invånare", null, [1],
            [new IndicatorInput("Invånare", "antal", IndicatorDirection.Increase, 35.0m, 2023, 50000m, 2030, null),
             new IndicatorInput("Andel", "procent", IndicatorDirection.Increase, 12.3456m, null, null, null, null)]));

        Assert.Equal("35", editor.Find("#mal-indicator-0-baseline").GetAttribute("value"));
        Assert.Equal("50\u00A0000", editor.Find("#mal-indicator-0-target").GetAttribute("value"));
        Assert.Equal("2030", editor.Find("#mal-indicator-0-target-year").GetAttribute("value"));
        Assert.Equal("12,3456", editor.Find("#mal-indicator-1-baseline").GetAttribute("value"));
        Assert.Equal("", editor.Find("#mal-indicator-1-target").GetAttribute("value"));
    }

    [Fact]
    public async Task A_value_that_cannot_be_read_gets_a_Swedish_message_and_stops_the_save_so_the_stored_value_stays()
    {
        var existing = new GoalInput("Fler invånare", null, [1],
            [new IndicatorInput("Invånare", "antal", IndicatorDirection.Increase, 38000m, 2023, 50000m, 2030, "N01951", Id: 7)]);
        var editor = Render(existing);

        editor.Find("#mal-indicator-0-target").Change("50 000 invånare");
        editor.Find("#mal-indicator-0-target-year").Change("år 2030");
        await editor.ClickFreshAsync(() => editor.Find("[data-testid='save-goal']"));

        Assert.Equal(0, saves);
        Assert.Contains("Målet har inte sparats", editor.Find("[role='alert']").TextContent, StringComparison.Ordinal);
        var target = editor.Find("#mal-indicator-0-target");
        Assert.Equal("50 000 invånare", target.GetAttribute("value"));
        AssertFieldError(editor, target, SwedishNumber.DecimalMessage);
        AssertFieldError(editor, editor.Find("#mal-indicator-0-target-year"), SwedishNumber.YearMessage);
        Assert.DoesNotContain("Not a valid", editor.Markup, StringComparison.Ordinal);

        // Corrected, the goal saves with the value typed and nothing else changed.
        editor.Find("#mal-indicator-0-target").Change("55 000");
        editor.Find("#mal-indicator-0-target-year").Change("2030");
        await editor.ClickFreshAsync(() => editor.Find("[data-testid='save-goal']"));

        Assert.Equal(1, saves);
        Assert.Equal(existing.Indicators[0] with { TargetValue = 55000m }, Assert.Single(saved!.Indicators));
        Assert.All(editor.FindAll("[role='alert']"), alert => Assert.Equal("", alert.TextContent.Trim()));
        Assert.NotEqual("true", editor.Find("#mal-indicator-0-target").GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task An_emptied_value_field_means_no_value()
    {
        var editor = Render(new GoalInput("Fler invånare", null, [1],
            [new IndicatorInput("Invånare", "antal", IndicatorDirection.Increase, 38000m, 2023, 50000m, 2030, null)]));

        editor.Find("#mal-indicator-0-baseline").Change("");
        editor.Find("#mal-indicator-0-baseline-year").Change(" ");
        await editor.ClickFreshAsync(() => editor.Find("[data-testid='save-goal']"));

        var indicator = Assert.Single(saved!.Indicators);
        Assert.Equal((null, null, 50000m), (indicator.BaselineValue, indicator.BaselineYear, indicator.TargetValue));
    }

    [Fact]
    public async Task The_domain_message_for_a_value_that_cannot_be_stored_is_shown_next_to_the_field()
    {
        var editor = Render(
            new GoalInput("Fler invånare", null, [1], [new IndicatorInput("Invånare", "antal", IndicatorDirection.Increase, null, null, 3.14159m, null, null)]),
            new Dictionary<string, string> { ["Indicators[0].TargetValue"] = "Värdet får ha högst 14 siffror före decimaltecknet och högst 4 decimaler." });
        await editor.ClickFreshAsync(() => editor.Find("[data-testid='save-goal']"));

        AssertFieldError(editor, editor.Find("#mal-indicator-0-target"), "Värdet får ha högst 14 siffror före decimaltecknet och högst 4 decimaler.");
        Assert.Equal("3,14159", editor.Find("#mal-indicator-0-target").GetAttribute("value"));
    }

    [Fact]
    public void An_emptied_title_says_so_as_soon_as_the_user_leaves_it()
    {
        var editor = Render();

        editor.Find("#mal-title").Change("Fler bostäder");
        editor.Find("#mal-title").Change("");

        AssertFieldError(editor, editor.Find("#mal-title"), "Ange en rubrik för målet.");
        Assert.DoesNotContain("Required", editor.Markup, StringComparison.Ordinal);
    }

    /// <summary>The message is next to the field, and the field is marked invalid and described by it (not by colour alone).</summary>
    internal static void AssertFieldError<T>(IRenderedComponent<T> component, AngleSharp.Dom.IElement input, string message)
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        var describedBy = input.GetAttribute("aria-describedby");
        Assert.False(string.IsNullOrEmpty(describedBy), $"The field {input.Id} has no aria-describedby.");
        var descriptions = describedBy!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(id => component.Find($"[id='{id}']").TextContent);
        Assert.Contains(descriptions, d => d.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_new_goal_shows_no_error_before_anything_is_saved_or_changed()
    {
        var editor = Render();

        editor.Find("#mal-description").Change("Planberedskap.");

        Assert.DoesNotContain("Ange en rubrik", editor.Markup, StringComparison.Ordinal);
        Assert.Empty(editor.FindAll("[aria-invalid='true']"));
    }

    [Fact]
    public async Task A_field_message_goes_away_when_the_user_changes_that_field_and_the_others_stay()
    {
        var editor = Render(errors: new Dictionary<string, string>
        {
            [nameof(GoalInput.Description)] = "Beskrivningen får vara högst 4 000 tecken.",
            ["Indicators[0].Unit"] = "Ange en enhet, till exempel procent eller antal.",
        }, initial: new GoalInput("Mål", "Lång text", [1], [new IndicatorInput("Invånare", "", IndicatorDirection.Increase, null, null, null, null, null)]));
        await editor.ClickFreshAsync(() => editor.Find("[data-testid='save-goal']"));
        AssertFieldError(editor, editor.Find("#mal-description"), "Beskrivningen får vara högst 4 000 tecken.");

        editor.Find("#mal-description").Change("Kort text");

        Assert.NotEqual("true", editor.Find("#mal-description").GetAttribute("aria-invalid"));
        AssertFieldError(editor, editor.Find("#mal-indicator-0-unit"), "Ange en enhet, till exempel procent eller antal.");
    }

    [Fact]
    public async Task A_second_click_while_the_first_save_is_on_its_way_saves_once()
    {
        var release = new TaskCompletionSource();
        var editor = context.Render<GoalEditor>(p => p
            .Add(x => x.Areas, Areas)
            .Add(x => x.Initial, new GoalInput("Mål", null, [1], []))
            .Add(x => x.Save, async (_, input) =>
            {
                saves++;
                await release.Task;
            }));

        var first = editor.Find("[data-testid='save-goal']").ClickAsync(new());
        Assert.Contains("Sparar…", editor.Find("[data-testid='save-goal']").TextContent, StringComparison.Ordinal);
        Assert.True(editor.Find("[data-testid='save-goal']").HasAttribute("disabled"));
        await editor.Find("form").SubmitAsync();
        release.SetResult();
        await first;

        Assert.Equal(1, saves);
    }

    [Fact]
    public async Task A_conflict_shows_the_saved_version_and_keeps_what_was_typed()
    {
        var current = new GoalState(5, Guid.NewGuid(), 0, new GoalInput("Först sparad rubrik", null, [2], []));
        var editor = context.Render<GoalEditor>(p => p
            .Add(x => x.Areas, Areas)
            .Add(x => x.Initial, new GoalInput("Mål", null, [1], []))
            .Add(x => x.Save, (_, _) => throw new GoalConflictException(current, "Anna Andersson", new DateTime(2026, 4, 2, 8, 0, 0, DateTimeKind.Utc))));
        editor.Find("#mal-title").Change("Senare sparad rubrik");

        await editor.ClickFreshAsync(() => editor.Find("[data-testid='save-goal']"));

        var conflict = editor.Find("[data-testid='conflict']");
        Assert.Contains("Först sparad rubrik", conflict.TextContent, StringComparison.Ordinal);
        Assert.Contains("ändrad av Anna Andersson", conflict.TextContent, StringComparison.Ordinal);
        Assert.Contains("Minskad klimatpåverkan", conflict.TextContent, StringComparison.Ordinal);
        Assert.Equal("Senare sparad rubrik", editor.Find("#mal-title").GetAttribute("value"));
    }

    private IRenderedComponent<GoalEditor> Render(GoalInput? initial = null, IReadOnlyDictionary<string, string>? errors = null) =>
        context.Render<GoalEditor>(p => p
            .Add(x => x.Areas, Areas)
            .Add(x => x.Initial, initial)
            .Add(x => x.Save, (_, input) =>
            {
                saved = input;
                saves++;
                return errors is null ? Task.CompletedTask : throw new ValidationFailedException(errors);
            }));

    private sealed class GoalInputComparer : IEqualityComparer<GoalInput?>
    {
        public bool Equals(GoalInput? x, GoalInput? y) =>
            x is not null && y is not null && x.Title == y.Title && x.Description == y.Description
            && x.AreaIds.SequenceEqual(y.AreaIds) && x.Indicators.SequenceEqual(y.Indicators);

        public int GetHashCode(GoalInput? obj) => 0;
    }
}
