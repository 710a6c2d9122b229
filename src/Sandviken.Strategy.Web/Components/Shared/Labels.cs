using Sandviken.Strategy.Domain;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Domain.Planning;
using Sandviken.Strategy.Domain.Plans;

namespace Sandviken.Strategy.Web.Components.Shared;

/// <summary>The Swedish words the pages show for the domain's codes (DESIGN.md §2 and §5).</summary>
internal static class Labels
{
    public static string Of(OrganisationKind kind) => kind switch
    {
        OrganisationKind.Committee => "Nämnd",
        OrganisationKind.Company => "Kommunalt bolag",
        _ => kind.ToString(),
    };

    public static string PluralOf(OrganisationKind kind) => kind switch
    {
        OrganisationKind.Committee => "Nämnder",
        OrganisationKind.Company => "Kommunala bolag",
        _ => kind.ToString(),
    };

    public static string Of(DecisionKind kind) => kind switch
    {
        DecisionKind.Draft => "Beslut om utkast (april)",
        DecisionKind.Final => "Slutgiltigt beslut (september)",
        _ => kind.ToString(),
    };

    /// <summary>What a version made by a decision of this kind is called.</summary>
    public static string VersionOf(DecisionKind kind) => kind switch
    {
        DecisionKind.Draft => "Beslutat utkast",
        DecisionKind.Final => "Fastställd plan",
        _ => kind.ToString(),
    };

    public static string Of(PlanStatus status) => status switch
    {
        PlanStatus.Draft => "Utkast",
        PlanStatus.DraftDecided => "Utkast beslutat",
        PlanStatus.Final => "Fastställd",
        PlanStatus.Revision => "Revidering",
        _ => status.ToString(),
    };

    public static string Of(DecisionState state) => state switch
    {
        DecisionState.Decided => "Beslutad",
        DecisionState.NotDecided => "Ej beslutad",
        DecisionState.Overdue => "Försenad",
        DecisionState.NotApplicable => "Ej aktuell",
        _ => state.ToString(),
    };

    public static string Of(IndicatorDirection direction) => direction switch
    {
        IndicatorDirection.Increase => "Öka",
        IndicatorDirection.Decrease => "Minska",
        IndicatorDirection.Maintain => "Bibehålla",
        _ => direction.ToString(),
    };

    /// <summary>The plan document's name: a committee writes a nämndplan, a company sets strategic goals.</summary>
    public static string Of(Sandviken.Strategy.Domain.FollowUps.FollowUpPoint point) => point switch
    {
        Sandviken.Strategy.Domain.FollowUps.FollowUpPoint.InterimReport => "Delårsrapport",
        Sandviken.Strategy.Domain.FollowUps.FollowUpPoint.AnnualReport => "Årsredovisning",
        _ => point.ToString(),
    };

    public static string Of(Sandviken.Strategy.Domain.FollowUps.Assessment assessment) => assessment switch
    {
        Sandviken.Strategy.Domain.FollowUps.Assessment.Met => "Uppfyllt",
        Sandviken.Strategy.Domain.FollowUps.Assessment.PartlyMet => "Delvis uppfyllt",
        Sandviken.Strategy.Domain.FollowUps.Assessment.NotMet => "Ej uppfyllt",
        Sandviken.Strategy.Domain.FollowUps.Assessment.NotAssessed => "Ej bedömt",
        _ => assessment.ToString(),
    };

    public static string PlanNameOf(OrganisationKind kind) => kind switch
    {
        OrganisationKind.Company => "Strategiska mål",
        _ => "Nämndplan",
    };

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", Swedish.Culture);

    public static string Date(DateOnly? date) => date is { } d ? Date(d) : "";

    /// <summary>A time in Stockholm for a column of values, in the short Swedish (ISO) form: "2026-11-26" and "kl. 10:00".</summary>
    public static (string Date, string Time) StockholmTimeParts(DateTime utc)
    {
        var local = PlanningCalendar.ToStockholmTime(utc);
        return (local.ToString("yyyy-MM-dd", Swedish.Culture), local.ToString("'kl.' HH:mm", Swedish.Culture));
    }

    public static string StockholmTime(DateTime utc) =>
        PlanningCalendar.ToStockholmTime(utc).ToString("d MMMM yyyy 'kl.' HH:mm", Swedish.Culture);

    /// <summary>A value as stored (up to four decimals, as decimal(18,4) holds): what a secretary typed is what readers see.
    /// Computed figures (trends, projections) are rounded by their callers first.</summary>
    public static string Number(decimal? value) => value is { } v ? v.ToString("#,0.####", Swedish.Culture) : "–";

    public static string Goals(int count) => count == 1 ? "1 mål" : $"{count} mål";

    /// <summary>Why a decision is <see cref="DecisionState.NotApplicable"/>.</summary>
    public const string NotApplicableReason = "organisationen lades till efter sista dagen";

    /// <summary>Why a count of organisations is left out: "organisationen …" for one, "organisationerna …" for more.</summary>
    public static string NotApplicableReasonFor(int count) =>
        count == 1 ? NotApplicableReason : "organisationerna lades till efter sista dagen";

    /// <summary>A count with the singular or plural form of the word after it: "1 försenad", "2 försenade".</summary>
    public static string Count(int count, string singular, string plural) =>
        $"{count.ToString(Swedish.Culture)} {(count == 1 ? singular : plural)}";

    /// <summary>Which decisions are late, in a sentence: "2 utkast och 4 slutliga beslut är försenade."</summary>
    public static string OverdueDecisions(int drafts, int finals)
    {
        var parts = new List<string>();
        if (drafts > 0)
        {
            parts.Add(Count(drafts, "utkast", "utkast"));
        }

        if (finals > 0)
        {
            parts.Add(Count(finals, "slutligt beslut", "slutliga beslut"));
        }

        return parts.Count == 0
            ? "Inget beslut är försenat."
            : $"{string.Join(" och ", parts)} {(drafts + finals == 1 ? "är försenat" : "är försenade")}.";
    }
}
