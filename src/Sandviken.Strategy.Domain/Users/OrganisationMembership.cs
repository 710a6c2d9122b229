using Sandviken.Strategy.Domain.Organisations;

namespace Sandviken.Strategy.Domain.Users;

/// <summary>A secretary's membership of an organisation: the plans they may edit.</summary>
public class OrganisationMembership
{
    public required string UserId { get; set; }

    public PortalUser User { get; set; } = null!;

    public int OrganisationId { get; set; }

    public Organisation Organisation { get; set; } = null!;
}
