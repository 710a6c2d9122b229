using Sandviken.Strategy.Domain.Dashboard;

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

    public static string NameOf(OrganisationFilter filter) => filter switch
    {
        OrganisationFilter.Committees => "namnder",
        OrganisationFilter.Companies => "bolag",
        _ => "alla",
    };
}
