using System.Globalization;
using System.Resources;
using Bunit;
using MudBlazor;
using Sandviken.Strategy.Web.Localization;

namespace Sandviken.Strategy.Web.Tests.Components;

#pragma warning disable CA1001 // xunit disposes the test class through IAsyncLifetime.DisposeAsync.
public sealed class SwedishMudLocalizerTests : IAsyncLifetime
{
    private readonly BunitContext context = new();

    public Task InitializeAsync()
    {
        context.Services.AddMudServicesInSwedish();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await context.DisposeAsync();

    [Fact]
    public void Every_translated_key_is_one_of_MudBlazors_own()
    {
        // A key renamed in a MudBlazor update would silently fall back to English.
        var english = new ResourceManager("MudBlazor.Resources.LanguageResource", typeof(MudTextField<>).Assembly)
            .GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true)!
            .Cast<System.Collections.DictionaryEntry>()
            .Select(e => (string)e.Key)
            .ToHashSet();

        Assert.Contains("MudFormComponent_Required", english);
        Assert.Empty(SwedishMudLocalizer.Texts.Keys.Where(key => !english.Contains(key)));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("sv-SE")]
    public void A_required_field_without_its_own_message_says_so_in_Swedish_whatever_the_UI_culture(string uiCulture)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(uiCulture);
        try
        {
            var field = context.Render<MudTextField<string>>(p => p.Add(x => x.Required, true).Add(x => x.Label, "Namn").Add(x => x.InputId, "namn"));

            field.Find("#namn").Change("x");
            field.Find("#namn").Change("");

            field.WaitForAssertion(() => Assert.Contains("Fältet måste fyllas i.", field.Markup, StringComparison.Ordinal));
            Assert.DoesNotContain("Required", field.Markup, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void A_MudBlazor_number_converter_error_would_be_Swedish_too()
    {
        var field = context.Render<MudTextField<int>>(p => p.Add(x => x.Label, "Antal").Add(x => x.InputId, "antal"));

        field.Find("#antal").Change("abc");

        field.WaitForAssertion(() => Assert.Contains("Skriv ett tal, till exempel 3,5 eller 50 000.", field.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain("Not a valid number", field.Markup, StringComparison.Ordinal);
    }
}
