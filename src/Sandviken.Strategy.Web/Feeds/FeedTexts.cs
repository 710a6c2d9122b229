using Sandviken.Strategy.Domain;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Feeds;
using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Web.Components.Shared;

namespace Sandviken.Strategy.Web.Feeds;

/// <summary>The Swedish words of the feeds, the calendar and their links, in one place.</summary>
internal static class FeedTexts
{
    public const string MunicipalityFeedPath = "/floden/beslut.atom";

    public const string CalendarPath = "/floden/planering.ics";

    public const string CataloguePath = "/datasets/dcat";

    public static string OrganisationFeedPath(string slug) => $"/organisationer/{Uri.EscapeDataString(slug)}/beslut.atom";

    public static string MunicipalityFeedTitle(string municipalityName) => $"Beslut om nämndplaner och bolagens strategiska mål – {municipalityName}";

    public static string OrganisationFeedTitle(string organisationName) => $"Beslut om planer – {organisationName}";

    /// <summary>"Kunskapsnämnden: nämndplan 2027, utkast beslutat" or "Sandvikenhus AB: strategiska mål 2027 fastställda".</summary>
    public static string EntryTitle(DecisionEntry entry)
    {
        var plan = Labels.PlanNameOf(entry.OrganisationKind).ToLower(Swedish.Culture);
        return entry.Kind == DecisionKind.Draft
            ? $"{entry.OrganisationName}: {plan} {entry.BudgetYear}, utkast beslutat"
            : $"{entry.OrganisationName}: {plan} {entry.BudgetYear} {(entry.OrganisationKind == OrganisationKind.Company ? "fastställda" : "fastställd")}";
    }

    public static string EntrySummary(DecisionEntry entry) =>
        $"{Labels.Of(entry.Kind)} för budgetår {entry.BudgetYear}. " +
        $"Beslutat {Labels.Date(entry.DecidedOn)} av {entry.DecidedBy}, {entry.Reference}. " +
        $"Beslutet frös version {entry.VersionNumber} av planen, med SHA-256 {entry.ContentSha256}.";

    public static string DeadlineSummary(DecisionKind kind, int budgetYear) => kind == DecisionKind.Draft
        ? $"Sista dag för beslut om utkast till planer för budgetår {budgetYear}"
        : $"Sista dag för slutgiltiga beslut om planer för budgetår {budgetYear}";

    public static string DeadlineDescription(DecisionKind kind, int budgetYear, Uri dashboard) => (kind == DecisionKind.Draft
        ? $"Senast i dag ska varje nämnd besluta om utkast till nämndplan och varje kommunalt bolag om utkast till strategiska mål för budgetår {budgetYear}."
        : $"Senast i dag ska varje nämnd fastställa sin nämndplan och varje kommunalt bolag sina strategiska mål för budgetår {budgetYear}.")
        + $" Beslutsstatus: {dashboard}";

    public static string CalendarName(string municipalityName) => $"Planeringens sista dagar – {municipalityName}";
}
