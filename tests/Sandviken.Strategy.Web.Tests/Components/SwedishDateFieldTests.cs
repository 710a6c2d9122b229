using Bunit;
using Sandviken.Strategy.Web.Components.Forms;
using Sandviken.Strategy.Web.Localization;

namespace Sandviken.Strategy.Web.Tests.Components;

/// <summary>Issue 8, item 6: dates are entered and shown the Swedish way (2025-04-20) whatever the browser's language.</summary>
#pragma warning disable CA1001 // xunit disposes the test class through IAsyncLifetime.DisposeAsync.
public sealed class SwedishDateFieldTests : IAsyncLifetime
{
    private readonly BunitContext context = new();
    private readonly List<DateOnly?> changes = [];

    public Task InitializeAsync()
    {
        context.Services.AddMudServicesInSwedish();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await context.DisposeAsync();

    [Theory]
    [InlineData("2025-04-20")]
    [InlineData("20250420")]
    [InlineData("2025-4-20")]
    [InlineData(" 2025-04-20 ")]
    [InlineData("2025\u201304\u201320")] // en dashes, as a word processor writes them
    [InlineData("2025/4/20")]
    [InlineData("2025.04.20")]
    [InlineData("2025 04 20")]
    public void Reads_a_date_written_year_first(string text)
    {
        Assert.True(SwedishDate.TryParse(text, out var date));
        Assert.Equal(new DateOnly(2025, 4, 20), date);
    }

    [Theory]
    [InlineData("20/04/2025")] // day first: not the Swedish way, and ambiguous with the American month first
    [InlineData("04/20/2025")]
    [InlineData("25-04-20")]
    [InlineData("2025-04")]
    [InlineData("2025-02-30")]
    [InlineData("2024-13-01")]
    [InlineData("2025-00-10")]
    [InlineData("20250431")]
    [InlineData("2025420")]
    [InlineData("2025--04-20")]
    [InlineData("2025-004-20")]
    [InlineData("0000-01-01")]
    [InlineData("2025-04-20 12:00")]
    [InlineData("20 april 2025")]
    [InlineData("2025-០៤-២០")] // digits of another script are not read as ours
    public void Refuses_what_is_not_a_date_written_year_first(string text)
    {
        Assert.False(SwedishDate.TryParse(text, out var date));
        Assert.Null(date);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Empty_text_is_no_date(string? text)
    {
        Assert.True(SwedishDate.TryParse(text, out var date));
        Assert.Null(date);
    }

    [Fact]
    public void A_leap_day_is_read_only_in_a_leap_year()
    {
        Assert.True(SwedishDate.TryParse("2024-02-29", out var leap));
        Assert.Equal(new DateOnly(2024, 2, 29), leap);
        Assert.False(SwedishDate.TryParse("2025-02-29", out _));
    }

    [Fact]
    public void The_field_is_an_outlined_text_field_labelled_with_the_Swedish_form_as_placeholder()
    {
        var field = Render(new DateOnly(2025, 4, 20));

        var input = field.Find("input#beslut-datum");
        Assert.Equal("text", input.GetAttribute("type") ?? "text");
        Assert.Equal("2025-04-20", input.GetAttribute("value"));
        Assert.Equal("ÅÅÅÅ-MM-DD", input.GetAttribute("placeholder"));
        Assert.Equal("numeric", input.GetAttribute("inputmode"));
        Assert.Equal("Beslutsdatum", field.Find("label[for='beslut-datum']").TextContent.Trim());
        Assert.NotNull(field.Find(".mud-input-outlined"));
        Assert.Contains("Till exempel 2025-04-20", field.Markup, StringComparison.Ordinal);
        Assert.NotEqual("true", input.GetAttribute("aria-invalid"));
    }

    [Theory]
    [InlineData("20250420")]
    [InlineData("2025-4-20")]
    public async Task A_date_typed_without_hyphens_or_leading_zeros_is_handed_over_and_shown_as_yyyy_MM_dd(string typed)
    {
        var field = Render(null);

        await field.Find("input").ChangeAsync(new() { Value = typed });

        Assert.Equal([new DateOnly(2025, 4, 20)], changes);
        Assert.Equal("2025-04-20", field.Find("input").GetAttribute("value"));
        Assert.DoesNotContain(SwedishDate.Message, field.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_that_cannot_be_read_stays_as_typed_with_a_Swedish_message_and_no_date()
    {
        var field = Render(new DateOnly(2025, 4, 20));

        await field.Find("input").ChangeAsync(new() { Value = "04/20/2025" });

        Assert.Equal([null], changes);
        Assert.Equal("04/20/2025", field.Find("input").GetAttribute("value"));
        GoalEditorTests.AssertFieldError(field, field.Find("input"), "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2025-04-20.");
        Assert.Equal(SwedishDate.Message, field.Instance.TextError);
    }

    [Fact]
    public async Task A_date_after_Max_is_handed_over_and_the_field_says_it_is_too_late()
    {
        var field = Render(null, max: new DateOnly(2026, 11, 26));

        await field.Find("input").ChangeAsync(new() { Value = "2026-12-01" });

        Assert.Equal([new DateOnly(2026, 12, 1)], changes);
        GoalEditorTests.AssertFieldError(field, field.Find("input"), "Datumet kan inte vara senare än 2026-11-26.");

        await field.Find("input").ChangeAsync(new() { Value = "2026-11-26" });

        Assert.Null(field.Instance.TextError);
        Assert.NotEqual("true", field.Find("input").GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task The_domains_message_is_shown_until_the_field_has_its_own()
    {
        var field = Render(null, errorText: "Ange beslutsdatum.");

        GoalEditorTests.AssertFieldError(field, field.Find("input"), "Ange beslutsdatum.");

        await field.Find("input").ChangeAsync(new() { Value = "igår" });

        GoalEditorTests.AssertFieldError(field, field.Find("input"), SwedishDate.Message);
        Assert.DoesNotContain("Ange beslutsdatum.", field.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_date_set_by_the_form_replaces_the_text_and_its_message()
    {
        var field = Render(null);
        await field.Find("input").ChangeAsync(new() { Value = "fel" });

        field.Render(p => p.Add(x => x.Value, new DateOnly(2025, 9, 18)));

        Assert.Equal("2025-09-18", field.Find("input").GetAttribute("value"));
        Assert.Null(field.Instance.TextError);
    }

    private IRenderedComponent<SwedishDateField> Render(DateOnly? value, DateOnly? max = null, string? errorText = null) =>
        context.Render<SwedishDateField>(p => p
            .Add(x => x.Value, value)
            .Add(x => x.ValueChanged, (DateOnly? changed) => changes.Add(changed))
            .Add(x => x.Label, "Beslutsdatum")
            .Add(x => x.InputId, "beslut-datum")
            .Add(x => x.Max, max)
            .Add(x => x.ErrorText, errorText));
}
