using Sandviken.Strategy.Domain.Organisations;

namespace Sandviken.Strategy.Domain.Dashboard;

/// <summary>Which organisations a dashboard shows: all, only committees or only companies.</summary>
public enum OrganisationFilter
{
    All,
    Committees,
    Companies,
}

/// <summary>The one definition of what each <see cref="OrganisationFilter"/> lets through, for queries and lists alike.</summary>
public static class OrganisationFilters
{
    /// <summary>The kind the filter keeps, or null for all.</summary>
    public static OrganisationKind? Kind(this OrganisationFilter filter) => filter switch
    {
        OrganisationFilter.Committees => OrganisationKind.Committee,
        OrganisationFilter.Companies => OrganisationKind.Company,
        _ => null,
    };

    public static bool Includes(this OrganisationFilter filter, OrganisationKind kind) => filter.Kind() is not { } only || only == kind;

    public static IQueryable<Organisation> Shown(this IQueryable<Organisation> organisations, OrganisationFilter filter) =>
        filter.Kind() is { } only ? organisations.Where(o => o.Kind == only) : organisations;
}
