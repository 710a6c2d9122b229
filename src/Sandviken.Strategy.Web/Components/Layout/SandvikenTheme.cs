using MudBlazor;

namespace Sandviken.Strategy.Web.Components.Layout;

/// <summary>
/// The portal's theme. Fonts are the visitor's system fonts: nothing is loaded from an external host
/// (docs/decisions/0004-system-fonts.md). Colours keep at least 4.5:1 contrast against their backgrounds.
/// </summary>
internal static class SandvikenTheme
{
    private static readonly string[] FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0b4f6c",
            Secondary = "#6a2c70",
            AppbarBackground = "#0b4f6c",
            AppbarText = "#ffffff",
            Background = "#f7f7f5",
            Surface = "#ffffff",
            TextPrimary = "#1c1c1c",
            TextSecondary = "#4a4a4a",
            Success = "#1e6b2e",
            Warning = "#8a4b00",
            Error = "#a4161a",
            Info = "#0b4f6c",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontFamily },
            H1 = new H1Typography { FontFamily = FontFamily, FontSize = "2.25rem", FontWeight = "600", LineHeight = "1.2" },
            H2 = new H2Typography { FontFamily = FontFamily, FontSize = "1.6rem", FontWeight = "600", LineHeight = "1.3" },
            H3 = new H3Typography { FontFamily = FontFamily, FontSize = "1.3rem", FontWeight = "600", LineHeight = "1.3" },
            H4 = new H4Typography { FontFamily = FontFamily, FontSize = "1.1rem", FontWeight = "600", LineHeight = "1.4" },
            // Buttons in sentence case, as the rest of the Swedish text: all capitals are harder to read.
            Button = new ButtonTypography { FontFamily = FontFamily, FontWeight = "600", TextTransform = "none" },
        },
    };
}
