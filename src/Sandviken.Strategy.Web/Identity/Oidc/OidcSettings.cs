using Sandviken.Strategy.Domain.Users;

namespace Sandviken.Strategy.Web.Identity.Oidc;

/// <summary>
/// Sign-in with the municipality's OpenID Connect provider (configuration section <c>Authentication:Oidc</c>, ADR 0040).
/// The defaults fit a standard provider; Entra ID needs <c>SubjectClaim = oid</c> (and <c>groups</c> in its token configuration).
/// </summary>
internal sealed class OidcSettings
{
    public const string Section = "Authentication:Oidc";

    /// <summary>The authentication scheme of the OpenID Connect handler.</summary>
    public const string Scheme = "oidc";

    public bool Enabled { get; set; }

    /// <summary>Shown on the sign-in button: "Logga in med {DisplayName}".</summary>
    public string DisplayName { get; set; } = "kommunens inloggning";

    /// <summary>The issuer's address; its /.well-known/openid-configuration is read from there.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Scopes asked for; <c>openid</c> is always added. Null: openid, profile and email.</summary>
    public string[]? Scopes { get; set; }

    /// <summary>The claim with the stable subject: <c>sub</c>, or <c>oid</c> for Entra ID.</summary>
    public string SubjectClaim { get; set; } = "sub";

    public string EmailClaim { get; set; } = "email";

    public string NameClaim { get; set; } = "name";

    public string GroupsClaim { get; set; } = "groups";

    /// <summary>False only for a provider served over plain http on this machine (the tests).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// Group → role (and organisation slug), applied at every sign-in. Empty: an administrator grants roles and
    /// organisations in /admin/anvandare, and a new person waits for that.
    /// </summary>
    public GroupMappingSetting[]? GroupMappings { get; set; }

    public IReadOnlyList<string> EffectiveScopes =>
        ["openid", .. (Scopes ?? ["profile", "email"]).Where(s => !string.IsNullOrWhiteSpace(s) && s != "openid").Distinct(StringComparer.Ordinal)];

    public IReadOnlyList<GroupMapping> Mappings =>
        [.. (GroupMappings ?? []).Where(m => !string.IsNullOrWhiteSpace(m.Group) && !string.IsNullOrWhiteSpace(m.Role))
            .Select(m => new GroupMapping(m.Group!.Trim(), m.Role!.Trim(), string.IsNullOrWhiteSpace(m.Organisation) ? null : m.Organisation.Trim()))];

    /// <summary>Why the settings cannot work, or null.</summary>
    public string? Problem()
    {
        if (!Enabled)
        {
            return null;
        }

        if (!Uri.TryCreate(Authority, UriKind.Absolute, out _) || string.IsNullOrWhiteSpace(ClientId))
        {
            return "Authentication:Oidc: Authority (an absolute URL) and ClientId are needed when Enabled is true.";
        }

        return (GroupMappings ?? []).FirstOrDefault(m => m.Role is not null && !Roles.All.Contains(m.Role.Trim())) is { } wrong
            ? $"Authentication:Oidc:GroupMappings: unknown role '{wrong.Role}' (one of {string.Join(", ", Roles.All)})."
            : null;
    }
}

/// <summary>One configured line: members of <see cref="Group"/> (its id, as the groups claim carries it) get <see cref="Role"/>.</summary>
internal sealed class GroupMappingSetting
{
    public string? Group { get; set; }

    public string? Role { get; set; }

    /// <summary>The organisation's slug, for a secretary.</summary>
    public string? Organisation { get; set; }
}

/// <summary>Password sign-in with the portal's own accounts (<c>Authentication:LocalAccounts</c>).</summary>
internal sealed class LocalAccountSettings
{
    public const string Section = "Authentication:LocalAccounts";

    /// <summary>False: the sign-in form is gone and a posted password is refused on the server.</summary>
    public bool Enabled { get; set; } = true;
}
