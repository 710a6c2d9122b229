using System.Collections.Frozen;
using Microsoft.Extensions.Localization;
using MudBlazor;
using MudBlazor.Services;

namespace Sandviken.Strategy.Web.Localization;

/// <summary>
/// Swedish for MudBlazor's built-in texts (validation messages, converter errors and the labels of its buttons),
/// so that nothing English reaches the user. MudBlazor asks this localizer whenever the UI culture is not English
/// (and, through <see cref="SwedishLocalizationInterceptor"/>, even when it is) and falls back to its own English
/// text for a key that is missing here.
/// Keys: MudBlazor.Resources.LanguageResource in MudBlazor 9 (a test checks that each key still exists).
/// </summary>
public sealed class SwedishMudLocalizer : MudLocalizer
{
    internal static readonly FrozenDictionary<string, string> Texts = new Dictionary<string, string>
    {
        // Forms and conversion: shown next to fields.
        ["MudFormComponent_Required"] = "Fältet måste fyllas i.",
        ["Converter_ConversionError"] = "Värdet kunde inte läsas: {0}",
        ["Converter_ConversionFailed"] = "Värdet kunde inte läsas.",
        ["Converter_ConversionNotImplemented"] = "Värdet kunde inte läsas.",
        ["Converter_InvalidBoolean"] = "Välj ja eller nej.",
        ["Converter_InvalidDateTime"] = "Skriv ett datum, till exempel 2026-04-30.",
        ["Converter_InvalidGUID"] = "Värdet kunde inte läsas.",
        ["Converter_InvalidNumber"] = "Skriv ett tal, till exempel 3,5 eller 50 000.",
        ["Converter_InvalidTimeSpan"] = "Skriv en tid, till exempel 13:30.",
        ["Converter_InvalidType"] = "Värdet kunde inte läsas.",
        ["Converter_NotValueOf"] = "Värdet finns inte bland valen.",
        ["Converter_UnableToConvert"] = "Värdet kunde inte läsas.",

        // Labels that screen readers read out.
        ["MudAlert_Close"] = "Stäng",
        ["MudBreadcrumbs_Label"] = "Brödsmulor",
        ["MudChip_Close"] = "Ta bort",
        ["MudDialog_Close"] = "Stäng",
        ["MudSnackbar_Close"] = "Stäng",
        ["MudInput_Clear"] = "Töm fältet",
        ["MudInput_Decrement"] = "Minska",
        ["MudInput_Increment"] = "Öka",
        ["MudSelect_SelectAll"] = "Välj alla",
        ["MudNavGroup_ToggleExpand"] = "Visa eller dölj {0}",
        ["MudPageContentNavigation_NavMenu"] = "Innehåll",
        ["MudExitPrompt_Cancel"] = "Avbryt",
        ["MudExitPrompt_Exit"] = "Lämna sidan",
        ["MudExitPrompt_Text"] = "Vill du lämna sidan? Det du har ändrat kanske inte är sparat.",
        ["MudExitPrompt_Title"] = "Lämna sidan?",
        ["MudFileUpload_Button"] = "Välj filer",
        ["MudFileUpload_DragAndDrop"] = "Dra filer hit eller klicka för att välja",
        ["MudFileUpload_FileSizeError"] = "Filen {0} är större än de {1} byte som tillåts.",
        ["MudFileUpload_MaximumFileCountExceeded"] = "Du valde {0} filer, men högst {1} går att läsa in.",
        ["MudBaseDatePicker_NextMonth"] = "Nästa månad {0}",
        ["MudBaseDatePicker_NextYear"] = "Nästa år {0}",
        ["MudBaseDatePicker_Open"] = "Öppna",
        ["MudBaseDatePicker_PrevMonth"] = "Föregående månad {0}",
        ["MudBaseDatePicker_PrevYear"] = "Föregående år {0}",
        ["MudDateRangePicker_End"] = "Slutdatum",
        ["MudDateRangePicker_Start"] = "Startdatum",
        ["MudTimePicker_Open"] = "Öppna",
        ["MudPagination_CurrentPage"] = "Aktuell sida {0}",
        ["MudPagination_FirstPage"] = "Första sidan",
        ["MudPagination_LastPage"] = "Sista sidan",
        ["MudPagination_NextPage"] = "Nästa sida",
        ["MudPagination_PageIndex"] = "Sida {0}",
        ["MudPagination_PreviousPage"] = "Föregående sida",
        ["MudTablePager_FirstPage"] = "Första sidan",
        ["MudTablePager_LastPage"] = "Sista sidan",
        ["MudTablePager_NextPage"] = "Nästa sida",
        ["MudTablePager_PreviousPage"] = "Föregående sida",
        ["MudTable_Loading"] = "Läser in …",
        ["MudDataGrid_Loading"] = "Läser in …",
        ["MudTabs_AddTab"] = "Lägg till flik",
        ["MudTabs_CloseTab"] = "Stäng fliken",
        ["MudTabs_ScrollDown"] = "Bläddra nedåt bland flikarna",
        ["MudTabs_ScrollLeft"] = "Bläddra åt vänster bland flikarna",
        ["MudTabs_ScrollRight"] = "Bläddra åt höger bland flikarna",
        ["MudTabs_ScrollUp"] = "Bläddra uppåt bland flikarna",
        ["MudTreeView_CollapseItem"] = "Fäll ihop",
        ["MudTreeView_ExpandItem"] = "Fäll ut",
        ["MudCarousel_Index"] = "Bild {0}",
        ["MudCarousel_Next"] = "Nästa",
        ["MudCarousel_Previous"] = "Föregående",
        ["MudStepper_Complete"] = "Klar",
        ["MudStepper_Next"] = "Nästa",
        ["MudStepper_Previous"] = "Föregående",
        ["MudStepper_Reset"] = "Börja om",
        ["MudStepper_Skip"] = "Hoppa över",
        ["MudRating_Label"] = "Betyg",
        ["MudRatingItem_Label"] = "Betyg {0}",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public override LocalizedString this[string key] =>
        Texts.TryGetValue(key, out var text) ? new LocalizedString(key, text) : new LocalizedString(key, key, resourceNotFound: true);
}

/// <summary>
/// MudBlazor's default interceptor uses its English texts whenever the UI culture is English (a browser or a test
/// host set to en-US). The portal is in Swedish only, so this one always asks <see cref="SwedishMudLocalizer"/> first.
/// </summary>
public sealed class SwedishLocalizationInterceptor(ILoggerFactory loggerFactory, MudLocalizer mudLocalizer)
    : DefaultLocalizationInterceptor(loggerFactory, mudLocalizer)
{
    public override bool IgnoreDefaultEnglish { get => true; init { } }
}

public static class SwedishMudBlazorRegistration
{
    /// <summary>MudBlazor's services with its built-in texts in Swedish.</summary>
    public static IServiceCollection AddMudServicesInSwedish(this IServiceCollection services)
    {
        services.AddMudServices();
        services.AddTransient<MudLocalizer, SwedishMudLocalizer>();
        services.AddLocalizationInterceptor<SwedishLocalizationInterceptor>();
        return services;
    }
}
