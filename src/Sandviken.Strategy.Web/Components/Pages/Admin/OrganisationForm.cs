using Sandviken.Strategy.Domain.Administration;
using Sandviken.Strategy.Domain.Organisations;

namespace Sandviken.Strategy.Web.Components.Pages.Admin;

public sealed class OrganisationForm
{
    public string Name { get; set; } = "";

    public OrganisationKind Kind { get; set; } = OrganisationKind.Committee;

    public int? ParentId { get; set; }

    public bool IsActive { get; set; } = true;

    public OrganisationInput ToInput() => new(Name, Kind, ParentId, IsActive);
}
