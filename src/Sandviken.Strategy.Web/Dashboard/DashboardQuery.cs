using Microsoft.Extensions.Primitives;
using Sandviken.Strategy.Domain.Dashboard;
using Sandviken.Strategy.Web.Components.Shared;

namespace Sandviken.Strategy.Web;

/// <summary>The dashboard's ?visa= values, in Swedish, as bookmarkable query strings.</summary>
internal static class DashboardQuery
{
    public static bool TryParseFilter(string? value, out OrganisationFilter filter)
    {
        (var ok, filter) = (value ?? "").ToLowerInvariant() switch
        {
            "" or "alla" => (true, OrganisationFilter.All),
            "namnder" => (true, OrganisationFilter.Committees),
            "bolag" => (true, OrganisationFilter.Companies),
            _ => (false, OrganisationFilter.All),
        };
        return ok;
    }

    public const string Key = "visa";

    /// <summary>
    /// Reads every "visa" value of a request, as the dashboard page and its CSV both do: none or one known value, else
    /// false with a Swedish <paramref name="problem"/> (a second "visa" is refused like a second "ar").
    /// </summary>
    public static bool TryReadFilter(StringValues values, out OrganisationFilter filter, out string? problem)
    {
        problem = null;
        if (values.Count > 1)
        {
            filter = OrganisationFilter.All;
            problem = "Adressen anger visa mer än en gång. Välj en av alla, namnder eller bolag.";
            return false;
        }

        var value = values.Count == 1 ? values[0] : null;
        if (!TryParseFilter(value, out filter))
        {
            problem = $"”{YearQuery.Shown(value!)}” går inte att visa. Välj alla, namnder eller bolag.";
            return false;
        }

        return true;
    }

    public static string NameOf(OrganisationFilter filter) => filter switch
    {
        OrganisationFilter.Committees => "namnder",
        OrganisationFilter.Companies => "bolag",
        _ => "alla",
    };
}
