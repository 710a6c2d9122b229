using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Seeding;
using Sandviken.Strategy.Domain.Users;

namespace Sandviken.Strategy.Web.Identity;

/// <summary>One demo account per role, listed on the sign-in page while demo data is loaded.</summary>
internal sealed record DemoAccount(string Email, string DisplayName, string Role, IReadOnlyList<string> OrganisationSlugs, string Description);

/// <summary>
/// At start: makes sure the four roles exist; with demo data on, adds the demo accounts; and, when
/// Bootstrap:AdministratorEmail and Bootstrap:AdministratorPassword are set and there is no administrator
/// yet, creates the first administrator. Idempotent like the seed.
/// </summary>
internal sealed class AccountSeeder(
    UserManager<PortalUser> users,
    RoleManager<IdentityRole> roles,
    StrategyDbContext db,
    SeedOptions seedOptions,
    IConfiguration configuration,
    ILogger<AccountSeeder> logger)
{
    /// <summary>Shown on the sign-in page in demo mode; never used when demo data is off.</summary>
    public const string DemoPassword = "Sandviken-demo-2026";

    public static readonly IReadOnlyList<DemoAccount> DemoAccounts =
    [
        new("admin@sandviken.example", "Ada Administratör", Roles.Administrator, [], "Administratör: allt, även organisationer, användare och revidering"),
        new("sekreterare.kunskap@sandviken.example", "Sara Sekreterare", Roles.Secretary, ["kunskapsnamnden", "overformyndarnamnden-i-vastra-gastrikland"],
            "Sekreterare i Kunskapsnämnden och Överförmyndarnämnden (vars plan för 2026 inte är beslutad)"),
        new("sekreterare.omsorg@sandviken.example", "Olle Omsorg", Roles.Secretary, ["omsorgsnamnden"], "Sekreterare i Omsorgsnämnden"),
        new("sekreterare.bostad@sandviken.example", "Berit Bolag", Roles.Secretary, ["sandvikenhus-ab"], "Sekreterare i Sandvikenhus AB"),
        new("politiker@sandviken.example", "Per Politiker", Roles.Politician, [], "Förtroendevald: läser alla planer"),
        new("tjansteperson@sandviken.example", "Tina Tjänsteperson", Roles.Official, [], "Tjänsteperson: läser alla planer"),
    ];

    public async Task SeedAsync(CancellationToken ct = default)
    {
        foreach (var role in Roles.All.Where(r => !roles.Roles.Any(x => x.Name == r)))
        {
            Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
        }

        if (seedOptions.IncludeDemoData)
        {
            foreach (var account in DemoAccounts)
            {
                await EnsureUserAsync(account.Email, account.DisplayName, DemoPassword, account.Role, account.OrganisationSlugs, isDemo: true, ct);
            }
        }
        else
        {
            // The demo password is public: with demo data off, demo accounts left from earlier starts cannot sign in.
            var demoUsers = await db.Users.Where(u => u.IsDemo && u.IsActive).ToListAsync(ct);
            foreach (var demoUser in demoUsers)
            {
                demoUser.IsActive = false;
                demoUser.SecurityStamp = Guid.NewGuid().ToString("N");
            }

            await db.SaveChangesAsync(ct);
            if (demoUsers.Count > 0)
            {
                logger.LogWarning("Deactivated {Count} demo accounts because demo data is off", demoUsers.Count);
            }
        }

        var email = configuration["Bootstrap:AdministratorEmail"];
        var password = configuration["Bootstrap:AdministratorPassword"];
        if (!string.IsNullOrWhiteSpace(email) && !string.IsNullOrWhiteSpace(password)
            && !(await users.GetUsersInRoleAsync(Roles.Administrator)).Any(u => u.IsActive))
        {
            if (await EnsureUserAsync(email, "Administratör", password, Roles.Administrator, [], isDemo: false, ct))
            {
                logger.LogInformation("Created the first administrator {Email}", email);
            }
            else
            {
                logger.LogWarning("Bootstrap:AdministratorEmail {Email} already has an account that is not an active administrator; nothing was created", email);
            }
        }
    }

    /// <returns>True when the account was created now.</returns>
    private async Task<bool> EnsureUserAsync(string email, string displayName, string password, string role, IReadOnlyList<string> organisationSlugs, bool isDemo, CancellationToken ct)
    {
        if (await users.FindByEmailAsync(email) is not null)
        {
            return false;
        }

        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, IsDemo = isDemo };
        Check(await users.CreateAsync(user, password), email);
        Check(await users.AddToRoleAsync(user, role), email);
        var organisationIds = await db.Organisations.Where(o => organisationSlugs.Contains(o.Slug)).Select(o => o.Id).ToListAsync(ct);
        db.OrganisationMemberships.AddRange(organisationIds.Select(id => new OrganisationMembership { UserId = user.Id, OrganisationId = id }));
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
