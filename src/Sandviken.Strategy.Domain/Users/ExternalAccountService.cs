using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Access;
using Sandviken.Strategy.Domain.Auditing;
using Sandviken.Strategy.Domain.Data;

namespace Sandviken.Strategy.Domain.Users;

/// <summary>A person as the identity provider describes them at one sign-in.</summary>
/// <param name="Issuer">The provider's issuer (the id token's <c>iss</c>): subjects are unique only per issuer.</param>
/// <param name="Subject">The stable subject (<c>sub</c>, or Entra ID's <c>oid</c>).</param>
public sealed record ExternalIdentity(string Issuer, string Subject, string? Email, string? DisplayName, IReadOnlyList<string> Groups);

/// <summary>One line of the configured table: members of <paramref name="Group"/> get <paramref name="Role"/>, and the organisation if named.</summary>
public sealed record GroupMapping(string Group, string Role, string? Organisation);

public enum ExternalSignInOutcome
{
    /// <summary>An account already carried this issuer and subject.</summary>
    Matched,

    /// <summary>An existing account without a subject from this issuer had the same e-mail address; the subject is now stored on it.</summary>
    LinkedByEmail,

    /// <summary>A new account, without rights unless the group table gives some.</summary>
    Created,

    /// <summary>The e-mail address belongs to an account linked to another subject of the same issuer (or to a shared demo account): nothing is created or linked.</summary>
    Conflict,
}

/// <param name="HasAccess">Whether the account has at least one role (without one it waits for an administrator).</param>
public sealed record ExternalSignInResult(string? UserId, string? UserName, ExternalSignInOutcome Outcome, bool IsActive, bool HasAccess);

/// <summary>
/// Finds or creates the account for a person signed in by the municipality's identity provider (ADR 0040). The
/// subject is stored as an Identity external login (provider = issuer, key = subject), whose primary key makes it
/// unique per issuer. With a group table configured, roles and organisations follow the groups at every sign-in;
/// without one an administrator grants them. Every change is audited, so account events are logged (ADR 0031).
/// </summary>
public sealed class ExternalAccountService(IDbContextFactory<StrategyDbContext> dbFactory, ILookupNormalizer normalizer, TimeProvider time)
{
    /// <summary>Who the audit entries name for changes made by a sign-in rather than by a person.</summary>
    public const string AuditUser = "inloggning (OpenID Connect)";

    public async Task<ExternalSignInResult> SignInAsync(ExternalIdentity identity, IReadOnlyList<GroupMapping> groupMappings, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(groupMappings);
        ArgumentException.ThrowIfNullOrWhiteSpace(identity.Issuer);
        ArgumentException.ThrowIfNullOrWhiteSpace(identity.Subject);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var system = new Actor(null, AuditUser, true, new HashSet<string>(), new HashSet<int>());
        var email = CleanEmail(identity.Email);
        var outcome = ExternalSignInOutcome.Matched;

        var account = await db.UserLogins
            .Where(l => l.LoginProvider == identity.Issuer && l.ProviderKey == identity.Subject)
            .Join(db.Users, l => l.UserId, u => u.Id, (l, u) => u)
            .SingleOrDefaultAsync(ct);

        if (account is null && email is not null)
        {
            var normalizedEmail = normalizer.NormalizeEmail(email);
            var byEmail = await db.Users
                .Where(u => u.NormalizedEmail == normalizedEmail || u.NormalizedUserName == normalizer.NormalizeName(email))
                .Select(u => new { User = u, LinkedHere = db.UserLogins.Any(l => l.UserId == u.Id && l.LoginProvider == identity.Issuer) })
                .FirstOrDefaultAsync(ct);
            if (byEmail is not null)
            {
                // Another person of the same provider already owns the address, or it is a shared demo account: never
                // hand that account to this subject.
                if (byEmail.LinkedHere || byEmail.User.IsDemo)
                {
                    return new ExternalSignInResult(null, email, ExternalSignInOutcome.Conflict, false, false);
                }

                account = byEmail.User;
                db.UserLogins.Add(new IdentityUserLogin<string> { LoginProvider = identity.Issuer, ProviderKey = identity.Subject, ProviderDisplayName = "OpenID Connect", UserId = account.Id });
                Audit.Record(db, system, now, AuditActions.UserUpdate, "User", account.Id, new { Issuer = (string?)null }, new { identity.Issuer, identity.Subject });
                outcome = ExternalSignInOutcome.LinkedByEmail;
            }
        }

        if (account is null)
        {
            var userName = email ?? $"{identity.Subject}@{IssuerHost(identity.Issuer)}";
            account = new PortalUser
            {
                UserName = userName,
                NormalizedUserName = normalizer.NormalizeName(userName),
                Email = email,
                NormalizedEmail = email is null ? null : normalizer.NormalizeEmail(email),
                EmailConfirmed = email is not null,
                DisplayName = DisplayNameOf(identity, email),
                SecurityStamp = Guid.NewGuid().ToString("N"),
                LockoutEnabled = true,
                // No password: the account signs in only through the provider.
            };
            db.Users.Add(account);
            db.UserLogins.Add(new IdentityUserLogin<string> { LoginProvider = identity.Issuer, ProviderKey = identity.Subject, ProviderDisplayName = "OpenID Connect", UserId = account.Id });
            Audit.Record(db, system, now, AuditActions.UserCreate, "User", account.Id, null,
                new { Email = email, account.DisplayName, identity.Issuer, identity.Subject, Roles = Array.Empty<string>() });
            outcome = ExternalSignInOutcome.Created;
        }

        var roles = await db.UserRoles.Where(r => r.UserId == account.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToListAsync(ct);
        if (groupMappings.Count > 0 && account.IsActive)
        {
            roles = await ApplyGroupsAsync(db, system, now, account, roles, identity.Groups, groupMappings, ct);
        }

        await db.SaveChangesAsync(ct);
        return new ExternalSignInResult(account.Id, account.UserName, outcome, account.IsActive, roles.Count > 0);
    }

    /// <summary>Makes roles and memberships exactly what the groups give; a change renews the security stamp and is audited.</summary>
    private static async Task<List<string>> ApplyGroupsAsync(
        StrategyDbContext db, Actor system, DateTime now, PortalUser account, List<string> currentRoles,
        IReadOnlyList<string> groups, IReadOnlyList<GroupMapping> mappings, CancellationToken ct)
    {
        var matched = mappings.Where(m => groups.Contains(m.Group, StringComparer.Ordinal) && Roles.All.Contains(m.Role)).ToList();
        var wantedRoles = matched.Select(m => m.Role).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var slugs = matched.Where(m => !string.IsNullOrWhiteSpace(m.Organisation)).Select(m => m.Organisation!).Distinct(StringComparer.Ordinal).ToList();
        var wantedOrganisations = await db.Organisations.Where(o => slugs.Contains(o.Slug)).Select(o => o.Id).ToListAsync(ct);
        var currentOrganisations = await db.OrganisationMemberships.Where(m => m.UserId == account.Id).Select(m => m.OrganisationId).ToListAsync(ct);

        var sameRoles = currentRoles.Order(StringComparer.Ordinal).SequenceEqual(wantedRoles, StringComparer.Ordinal);
        var sameOrganisations = currentOrganisations.Order().SequenceEqual(wantedOrganisations.Order());
        if (sameRoles && sameOrganisations)
        {
            return currentRoles;
        }

        var wantedRoleIds = await db.Roles.Where(r => wantedRoles.Contains(r.Name!)).Select(r => r.Id).ToListAsync(ct);
        var roleLinks = await db.UserRoles.Where(r => r.UserId == account.Id).ToListAsync(ct);
        db.UserRoles.RemoveRange(roleLinks.Where(r => !wantedRoleIds.Contains(r.RoleId)));
        db.UserRoles.AddRange(wantedRoleIds.Where(id => roleLinks.All(r => r.RoleId != id)).Select(id => new IdentityUserRole<string> { UserId = account.Id, RoleId = id }));
        var memberships = await db.OrganisationMemberships.Where(m => m.UserId == account.Id).ToListAsync(ct);
        db.OrganisationMemberships.RemoveRange(memberships.Where(m => !wantedOrganisations.Contains(m.OrganisationId)));
        db.OrganisationMemberships.AddRange(wantedOrganisations.Where(id => memberships.All(m => m.OrganisationId != id))
            .Select(id => new OrganisationMembership { UserId = account.Id, OrganisationId = id }));
        if (!sameRoles)
        {
            // Sessions issued with the old roles end (ADR 0031); the sign-in under way issues its cookie after this.
            account.SecurityStamp = Guid.NewGuid().ToString("N");
        }

        account.ConcurrencyToken = Guid.NewGuid();
        Audit.Record(db, system, now, AuditActions.UserUpdate, "User", account.Id,
            new { Roles = currentRoles, OrganisationIds = currentOrganisations },
            new { Roles = wantedRoles, OrganisationIds = wantedOrganisations, From = "groups" });
        return wantedRoles;
    }

    private static string? CleanEmail(string? email)
    {
        var trimmed = email?.Trim();
        return trimmed is { Length: > 3 and <= 256 } && WellFormedText.IsStorable(trimmed) && MailAddress.TryCreate(trimmed, out var address) && address.Address == trimmed
            ? trimmed
            : null;
    }

    private static string DisplayNameOf(ExternalIdentity identity, string? email)
    {
        var name = identity.DisplayName?.Trim();
        name = name is { Length: > 0 } && WellFormedText.IsStorable(name) ? name : email ?? identity.Subject;
        return name.Length <= 200 ? name : name[..200];
    }

    private static string IssuerHost(string issuer) =>
        Uri.TryCreate(issuer, UriKind.Absolute, out var uri) ? uri.Host : "oidc";
}
