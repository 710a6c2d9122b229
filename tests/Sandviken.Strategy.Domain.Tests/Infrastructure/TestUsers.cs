using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Users;

namespace Sandviken.Strategy.Domain.Tests.Infrastructure;

/// <summary>Accounts written straight into the test database, and the principals a signed-in browser would carry.</summary>
public static class TestUsers
{
    public static async Task<ClaimsPrincipal> CreateAsync(this TestDatabase database, string userName, string? role, params string[] organisationSlugs)
    {
        await using var db = database.CreateDbContext();
        var user = new PortalUser { UserName = userName, NormalizedUserName = userName.ToUpperInvariant(), DisplayName = userName, Email = userName };
        db.Users.Add(user);
        if (role is not null)
        {
            var stored = await db.Roles.SingleOrDefaultAsync(r => r.Name == role)
                ?? db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() }).Entity;
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = stored.Id });
        }

        foreach (var slug in organisationSlugs)
        {
            var organisation = await db.Organisations.SingleAsync(o => o.Slug == slug);
            db.OrganisationMemberships.Add(new OrganisationMembership { UserId = user.Id, OrganisationId = organisation.Id });
        }

        await db.SaveChangesAsync();
        return PrincipalOf(user.Id, userName);
    }

    /// <summary>A principal that claims whatever it likes: the services must only trust the user id.</summary>
    public static ClaimsPrincipal PrincipalOf(string userId, string userName, params Claim[] extra) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId), new Claim(ClaimTypes.Name, userName), .. extra], "Test"));

    public static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());

    /// <summary>The four roles exist in a real deployment from the first start on.</summary>
    public static async Task EnsureRolesAsync(this TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        foreach (var role in Roles.All.Where(r => !db.Roles.Any(x => x.Name == r)))
        {
            db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() });
        }

        await db.SaveChangesAsync();
    }

    public static async Task DeactivateAsync(this TestDatabase database, ClaimsPrincipal principal)
    {
        await using var db = database.CreateDbContext();
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var user = await db.Users.SingleAsync(u => u.Id == id);
        user.IsActive = false;
        await db.SaveChangesAsync();
    }
}
