using Sandviken.Strategy.Domain.Administration;
using Sandviken.Strategy.Domain.Organisations;

namespace Sandviken.Strategy.Web.Components.Pages.Admin;

public sealed class OrganisationForm
{
    public string Name { get; set; } = "";

    public OrganisationKind Kind { get; set; } = OrganisationKind.Committee;

    public int? ParentId { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>The organisation's token when the editor was opened (ADR 0032): a reload of the list does not renew it.</summary>
    public Guid ConcurrencyToken { get; init; }

    public OrganisationInput ToInput() => new(Name, Kind, ParentId, IsActive);
}
