using Microsoft.AspNetCore.Identity;

namespace Sandviken.Strategy.Domain.Users;

/// <summary>A person who signs in. Accounts live in the portal's own database (ASP.NET Core Identity).</summary>
public class PortalUser : IdentityUser, Data.IHasConcurrencyToken
{
    public string DisplayName { get; set; } = "";

    /// <summary>A deactivated user cannot sign in, and an open session of theirs can no longer change anything.</summary>
    public bool IsActive { get; set; } = true;

    public bool IsDemo { get; set; }

    /// <summary>The user has switched reminders by e-mail off in their account (ADR 0041).</summary>
    public bool RemindersOff { get; set; }

    public List<OrganisationMembership> Memberships { get; set; } = [];

    /// <summary>Renewed by every change through a form; a form that sends back an older one is refused (ADR 0032).</summary>
    public Guid ConcurrencyToken { get; set; } = Guid.NewGuid();
}
