using System.Net.Mail;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Access;
using Sandviken.Strategy.Domain.Auditing;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Users;
using Sandviken.Strategy.Domain.Validation;

namespace Sandviken.Strategy.Domain.Administration;

public sealed record NewUserInput(string Email, string DisplayName, string Password, IReadOnlyList<string> Roles, IReadOnlyList<int> OrganisationIds);

public sealed record UserInput(string DisplayName, bool IsActive, IReadOnlyList<string> Roles, IReadOnlyList<int> OrganisationIds);

/// <param name="ConcurrencyToken">Sent back with a change, so that a change from an older form is refused (ADR 0032).</param>
public sealed record UserRow(
    string Id, string Email, string DisplayName, bool IsActive, bool IsDemo, IReadOnlyList<string> Roles, IReadOnlyList<int> OrganisationIds, Guid ConcurrencyToken);

/// <summary>
/// Accounts: create, deactivate, roles and organisation memberships. Deactivating renews the security stamp,
/// so the user's cookie stops working within a minute; the domain services refuse them at once.
/// </summary>
public sealed class UserAdminService(
    IDbContextFactory<StrategyDbContext> dbFactory,
    ActorLoader actors,
    TimeProvider time,
    IPasswordHasher<PortalUser> passwordHasher,
    ILookupNormalizer normalizer)
    : AdministrationService(dbFactory, actors, time)
{
    public const int MinimumPasswordLength = 12;

    public async Task<IReadOnlyList<UserRow>> ListAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var (db, _) = await BeginAsync(user, "ListUsers", "User", null, ct);
        await using (db)
        {
            var rows = await db.Users.AsNoTracking()
                .Select(u => new UserRow(
                    u.Id,
                    // A removed person's user name is still their old address (it keys the history): not shown.
                    u.Email ?? (u.DisplayName == RemovedName && !u.IsActive ? "" : u.UserName ?? u.Id),
                    u.DisplayName,
                    u.IsActive,
                    u.IsDemo,
                    db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToList(),
                    u.Memberships.Select(m => m.OrganisationId).ToList(),
                    u.ConcurrencyToken))
                .ToListAsync(ct);
            return [.. rows.OrderBy(u => u.DisplayName, Swedish.Comparer)];
        }
    }

    public async Task<string> CreateAsync(ClaimsPrincipal user, NewUserInput input, CancellationToken ct = default)
    {
        var (db, actor) = await BeginAsync(user, "CreateUser", "User", null, ct);
        await using (db)
        {
            var email = (input.Email ?? "").Trim();
            var problems = new Problems();
            var isEmail = IsEmail(email);
            problems.Require(isEmail, nameof(NewUserInput.Email), "Ange en giltig e-postadress.");
            // Only a valid address is normalised: normalising ill-formed text throws.
            problems.Require(
                !isEmail || !await db.Users.AnyAsync(u => u.NormalizedEmail == normalizer.NormalizeEmail(email) || u.NormalizedUserName == normalizer.NormalizeName(email), ct),
                nameof(NewUserInput.Email),
                "Det finns redan ett konto med den e-postadressen.");
            problems.Check(input.Password, nameof(NewUserInput.Password), $"Lösenordet måste ha minst {MinimumPasswordLength} tecken.");
            await ValidateAsync(db, problems, input.DisplayName, input.Roles, input.OrganisationIds, ct);
            problems.ThrowIfAny();

            var account = new PortalUser
            {
                UserName = email,
                NormalizedUserName = normalizer.NormalizeName(email),
                Email = email,
                NormalizedEmail = normalizer.NormalizeEmail(email),
                EmailConfirmed = true,
                DisplayName = input.DisplayName.Trim(),
                SecurityStamp = Guid.NewGuid().ToString("N"),
                LockoutEnabled = true,
            };
            account.PasswordHash = passwordHasher.HashPassword(account, input.Password!);
            db.Users.Add(account);
            await SetRolesAndMembershipsAsync(db, account.Id, input.Roles, input.OrganisationIds, ct);
            Audit(db, actor, AuditActions.UserCreate, "User", account.Id, null, new { Email = email, account.DisplayName, input.Roles, input.OrganisationIds });
            await db.SaveChangesAsync(ct);
            return account.Id;
        }
    }

    /// <summary>Name, status, roles and organisations. Roles and memberships are saved with the account's row, whose token guards them all.</summary>
    /// <param name="expectedToken">The account's token when the form was opened: a change saved since then (a deactivation) refuses this one.</param>
    public async Task UpdateAsync(ClaimsPrincipal user, string userId, Guid expectedToken, UserInput input, CancellationToken ct = default)
    {
        var (db, actor) = await BeginAsync(user, "UpdateUser", "User", userId, ct);
        await using (db)
        {
            var account = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct)
                ?? throw new RuleViolationException("Kontot finns inte.");
            ConcurrencyTokens.Expect(db, account, expectedToken, "kontot");
            var problems = new Problems();
            await ValidateAsync(db, problems, input.DisplayName, input.Roles, input.OrganisationIds, ct);
            problems.Require(userId != actor.UserId || input.IsActive, nameof(UserInput.IsActive), "Du kan inte inaktivera ditt eget konto.");
            problems.Require(userId != actor.UserId || input.Roles.Contains(Roles.Administrator), nameof(UserInput.Roles), "Du kan inte ta bort din egen administratörsroll.");
            problems.ThrowIfAny();

            var before = new
            {
                account.DisplayName,
                account.IsActive,
                Roles = await db.UserRoles.Where(r => r.UserId == userId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).ToListAsync(ct),
                OrganisationIds = await db.OrganisationMemberships.Where(m => m.UserId == userId).Select(m => m.OrganisationId).ToListAsync(ct),
            };
            account.DisplayName = input.DisplayName.Trim();
            if (account.IsActive != input.IsActive || !before.Roles.Order().SequenceEqual(input.Roles.Order()))
            {
                // A new stamp invalidates the user's cookie at its next validation.
                account.SecurityStamp = Guid.NewGuid().ToString("N");
            }

            account.IsActive = input.IsActive;
            var wantedRoleIds = await db.Roles.Where(r => input.Roles.Contains(r.Name!)).Select(r => r.Id).ToListAsync(ct);
            var roleLinks = await db.UserRoles.Where(r => r.UserId == userId).ToListAsync(ct);
            db.UserRoles.RemoveRange(roleLinks.Where(r => !wantedRoleIds.Contains(r.RoleId)));
            db.UserRoles.AddRange(wantedRoleIds.Where(id => roleLinks.All(r => r.RoleId != id)).Select(id => new IdentityUserRole<string> { UserId = userId, RoleId = id }));
            var memberships = await db.OrganisationMemberships.Where(m => m.UserId == userId).ToListAsync(ct);
            db.OrganisationMemberships.RemoveRange(memberships.Where(m => !input.OrganisationIds.Contains(m.OrganisationId)));
            db.OrganisationMemberships.AddRange(input.OrganisationIds.Distinct()
                .Where(id => memberships.All(m => m.OrganisationId != id))
                .Select(id => new OrganisationMembership { UserId = userId, OrganisationId = id }));
            Audit(db, actor, input.IsActive ? AuditActions.UserUpdate : AuditActions.UserDeactivate, "User", userId, before, input);
            await ConcurrencyTokens.SaveAsync(db, "kontot", ct);
        }
    }

    /// <summary>
    /// Gives the account a new temporary password, for someone who has forgotten theirs: their sessions end, and a
    /// lockout is lifted. The password itself is never audited.
    /// </summary>
    public async Task SetPasswordAsync(ClaimsPrincipal user, string userId, string newPassword, CancellationToken ct = default)
    {
        var (db, actor) = await BeginAsync(user, "SetPassword", "User", userId, ct);
        await using (db)
        {
            var account = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct)
                ?? throw new RuleViolationException("Kontot finns inte.");
            if (account.IsDemo)
            {
                // The sign-in page shows the demo accounts' shared password; a new one would lock everyone else out.
                throw new RuleViolationException("Demokontonas lösenord visas på inloggningssidan och kan inte bytas. Inaktivera kontot i stället om det inte ska användas.");
            }

            var problems = new Problems();
            problems.Check(newPassword, "Password", $"Lösenordet måste ha minst {MinimumPasswordLength} tecken.");
            problems.ThrowIfAny();

            account.PasswordHash = passwordHasher.HashPassword(account, newPassword!);
            account.SecurityStamp = Guid.NewGuid().ToString("N");
            account.AccessFailedCount = 0;
            account.LockoutEnd = null;
            Audit(db, actor, AuditActions.UserSetPassword, "User", userId, null, null);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>What a removed person's account is called from then on, in every list and history.</summary>
    public const string RemovedName = "Borttagen användare";

    /// <summary>
    /// Removes a person (docs/privacy.md, ADR 0041): the name becomes <see cref="RemovedName"/>, the e-mail address, the
    /// password, roles and memberships are cleared, the account is deactivated and its sessions end, and the address is
    /// taken out of the reminders' send log. The account row stays, with its id and user name, so that the write-once
    /// audit entries and decisions that name it still point at one account (and show it as removed).
    /// </summary>
    public async Task RemovePersonAsync(ClaimsPrincipal user, string userId, CancellationToken ct = default)
    {
        var (db, actor) = await BeginAsync(user, "RemovePerson", "User", userId, ct);
        await using (db)
        {
            if (userId == actor.UserId)
            {
                throw new RuleViolationException("Du kan inte ta bort dig själv. Be en annan administratör.");
            }

            var account = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct)
                ?? throw new RuleViolationException("Kontot finns inte.");
            var address = account.Email;
            account.DisplayName = RemovedName;
            account.Email = null;
            account.NormalizedEmail = null;
            account.EmailConfirmed = false;
            account.PhoneNumber = null;
            account.PasswordHash = null;
            account.IsActive = false;
            account.RemindersOff = true;
            account.SecurityStamp = Guid.NewGuid().ToString("N");
            account.ConcurrencyToken = Guid.NewGuid();
            db.UserRoles.RemoveRange(await db.UserRoles.Where(r => r.UserId == userId).ToListAsync(ct));
            db.OrganisationMemberships.RemoveRange(await db.OrganisationMemberships.Where(m => m.UserId == userId).ToListAsync(ct));

            // The identity provider's subject id (ADR 0040) and any stored claims or tokens are personal data too;
            // with them gone, a later sign-in by the same person starts a new account instead of reviving this one.
            db.UserLogins.RemoveRange(await db.UserLogins.Where(l => l.UserId == userId).ToListAsync(ct));
            db.UserClaims.RemoveRange(await db.UserClaims.Where(c => c.UserId == userId).ToListAsync(ct));
            db.UserTokens.RemoveRange(await db.UserTokens.Where(t => t.UserId == userId).ToListAsync(ct));

            // The audit entry says who was removed by id only: the name and address are what is being removed.
            Audit(db, actor, AuditActions.UserRemove, "User", userId, null, null);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            if (!string.IsNullOrEmpty(address))
            {
                await db.ReminderLog.Where(e => e.Recipients.Contains(address))
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.Recipients, e => e.Recipients.Replace(address, "(borttagen)")), ct);
            }

            await transaction.CommitAsync(ct);
        }
    }

    private static async Task ValidateAsync(
        StrategyDbContext db, Problems problems, string? displayName, IReadOnlyList<string> roles, IReadOnlyList<int> organisationIds, CancellationToken ct)
    {
        problems.Require(!string.IsNullOrWhiteSpace(displayName), "DisplayName", "Ange personens namn.");
        problems.Require((displayName ?? "").Length <= 200, "DisplayName", "Namnet får vara högst 200 tecken.");
        problems.Require(roles.Count > 0, "Roles", "Välj minst en roll.");
        problems.Require(roles.All(Roles.All.Contains), "Roles", "Okänd roll.");
        problems.Require(
            await db.Roles.CountAsync(r => roles.Contains(r.Name!), ct) == roles.Distinct().Count() || !roles.All(Roles.All.Contains),
            "Roles",
            "Rollerna finns inte i databasen ännu: starta om portalen så att de skapas.");
        problems.Require(
            !roles.Contains(Roles.Secretary) || organisationIds.Count > 0,
            "OrganisationIds",
            "En sekreterare behöver minst en nämnd eller ett bolag.");
        var known = await db.Organisations.Where(o => organisationIds.Contains(o.Id)).CountAsync(ct);
        problems.Require(known == organisationIds.Distinct().Count(), "OrganisationIds", "Okänd nämnd eller okänt bolag.");
    }

    private static async Task SetRolesAndMembershipsAsync(StrategyDbContext db, string userId, IReadOnlyList<string> roles, IReadOnlyList<int> organisationIds, CancellationToken ct)
    {
        var roleIds = await db.Roles.Where(r => roles.Contains(r.Name!)).Select(r => r.Id).ToListAsync(ct);
        db.UserRoles.AddRange(roleIds.Select(roleId => new IdentityUserRole<string> { UserId = userId, RoleId = roleId }));
        db.OrganisationMemberships.AddRange(organisationIds.Distinct().Select(id => new OrganisationMembership { UserId = userId, OrganisationId = id }));
    }

    private static bool IsEmail(string email) =>
        email.Length is > 3 and <= 256 && WellFormedText.IsStorable(email) && MailAddress.TryCreate(email, out var address) && address.Address == email;
}
