using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Domain.Auditing;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Users;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Account;

/// <summary>
/// Accounts for people signed in by the identity provider (ADR 0040), on the portal's real SQLite database: matched on
/// issuer and subject, e-mail as the fallback for an existing account, never a duplicate, and roles from the group table.
/// </summary>
public sealed class ExternalAccountTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Issuer = "https://login.example/tenant/v2.0";
    private const string OtherIssuer = "https://idp.other.example/";

    private static readonly IReadOnlyList<GroupMapping> NoMappings = [];

    [Fact]
    public async Task The_same_subject_finds_the_same_account_even_with_a_new_email_and_no_duplicate_is_made()
    {
        var first = await SignInAsync(new ExternalIdentity(Issuer, "sub-same-1", "forst@test.example", "Frida Först", []));
        var again = await SignInAsync(new ExternalIdentity(Issuer, "sub-same-1", "bytt.adress@test.example", "Frida Först", []));

        Assert.Equal(ExternalSignInOutcome.Created, first.Outcome);
        Assert.Equal(ExternalSignInOutcome.Matched, again.Outcome);
        Assert.Equal(first.UserId, again.UserId);
        await using var db = await DbAsync();
        Assert.Equal(1, await db.UserLogins.CountAsync(l => l.ProviderKey == "sub-same-1"));
        Assert.Equal(0, await db.Users.CountAsync(u => u.Email == "bytt.adress@test.example"));
    }

    [Fact]
    public async Task An_existing_account_without_a_subject_is_found_by_email_and_the_subject_is_stored_on_it()
    {
        var existing = await CreateLocalAccountAsync("befintlig@test.example", Roles.Official);

        var linked = await SignInAsync(new ExternalIdentity(Issuer, "sub-linked-1", "Befintlig@Test.example", "Bea Befintlig", []));
        // Later sign-ins go by the subject, whatever the e-mail says.
        var later = await SignInAsync(new ExternalIdentity(Issuer, "sub-linked-1", "annan@test.example", "Bea Befintlig", []));

        Assert.Equal(ExternalSignInOutcome.LinkedByEmail, linked.Outcome);
        Assert.Equal(existing, linked.UserId);
        Assert.True(linked.HasAccess, "The existing account's role was lost.");
        Assert.Equal(ExternalSignInOutcome.Matched, later.Outcome);
        Assert.Equal(existing, later.UserId);
        await using var db = await DbAsync();
        var login = await db.UserLogins.SingleAsync(l => l.UserId == existing);
        Assert.Equal((Issuer, "sub-linked-1"), (login.LoginProvider, login.ProviderKey));
        Assert.Equal(1, await db.Users.CountAsync(u => u.NormalizedEmail == "BEFINTLIG@TEST.EXAMPLE"));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityId == existing && a.Action == AuditActions.UserUpdate && a.After!.Contains("sub-linked-1")));
    }

    [Fact]
    public async Task A_new_person_gets_an_account_without_rights_and_without_a_password()
    {
        var result = await SignInAsync(new ExternalIdentity(Issuer, "sub-new-1", "ny.person@test.example", "Ny Person", ["a-group"]));

        Assert.Equal(ExternalSignInOutcome.Created, result.Outcome);
        Assert.False(result.HasAccess);
        Assert.True(result.IsActive);
        await using var db = await DbAsync();
        var account = await db.Users.SingleAsync(u => u.Id == result.UserId);
        Assert.Equal("Ny Person", account.DisplayName);
        Assert.Null(account.PasswordHash);
        Assert.False(await db.UserRoles.AnyAsync(r => r.UserId == result.UserId));
        Assert.False(await db.OrganisationMemberships.AnyAsync(m => m.UserId == result.UserId));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityId == result.UserId && a.Action == AuditActions.UserCreate && a.User == ExternalAccountService.AuditUser));
    }

    [Fact]
    public async Task The_same_subject_at_another_issuer_is_another_person()
    {
        var here = await SignInAsync(new ExternalIdentity(Issuer, "sub-shared-1", "har@test.example", null, []));
        var there = await SignInAsync(new ExternalIdentity(OtherIssuer, "sub-shared-1", "dar@test.example", null, []));

        Assert.Equal(ExternalSignInOutcome.Created, there.Outcome);
        Assert.NotEqual(here.UserId, there.UserId);
    }

    [Fact]
    public async Task An_email_already_linked_to_another_subject_of_the_issuer_is_refused_and_nothing_is_created()
    {
        var owner = await SignInAsync(new ExternalIdentity(Issuer, "sub-owner-1", "agare@test.example", null, []));
        await using var before = await DbAsync();
        var users = await before.Users.CountAsync();

        var intruder = await SignInAsync(new ExternalIdentity(Issuer, "sub-intruder-1", "agare@test.example", null, []));

        Assert.Equal(ExternalSignInOutcome.Conflict, intruder.Outcome);
        Assert.Null(intruder.UserId);
        await using var db = await DbAsync();
        Assert.Equal(users, await db.Users.CountAsync());
        Assert.False(await db.UserLogins.AnyAsync(l => l.ProviderKey == "sub-intruder-1"));
        Assert.Equal(owner.UserId, (await db.UserLogins.SingleAsync(l => l.ProviderKey == "sub-owner-1")).UserId);
    }

    [Fact]
    public async Task A_shared_demo_account_is_never_handed_to_a_subject()
    {
        var result = await SignInAsync(new ExternalIdentity(Issuer, "sub-demo-1", "admin@sandviken.example", null, []));

        Assert.Equal(ExternalSignInOutcome.Conflict, result.Outcome);
        await using var db = await DbAsync();
        Assert.False(await db.UserLogins.AnyAsync(l => l.ProviderKey == "sub-demo-1"));
    }

    [Fact]
    public async Task Groups_give_roles_and_organisations_at_every_sign_in_and_a_removed_group_takes_them_away()
    {
        IReadOnlyList<GroupMapping> mappings =
        [
            new("grp-omsorg", Roles.Secretary, "omsorgsnamnden"),
            new("grp-politiker", Roles.Politician, null),
        ];

        var first = await SignInAsync(new ExternalIdentity(Issuer, "sub-groups-1", "grupper@test.example", null, ["grp-omsorg", "unmapped"]), mappings);
        await using (var db = await DbAsync())
        {
            Assert.True(first.HasAccess);
            Assert.Equal([Roles.Secretary], await RolesOfAsync(db, first.UserId!));
            Assert.Equal(["omsorgsnamnden"], await db.OrganisationMemberships.Where(m => m.UserId == first.UserId).Select(m => m.Organisation.Slug).ToListAsync());
        }

        var moved = await SignInAsync(new ExternalIdentity(Issuer, "sub-groups-1", "grupper@test.example", null, ["grp-politiker"]), mappings);
        await using (var db = await DbAsync())
        {
            Assert.True(moved.HasAccess);
            Assert.Equal([Roles.Politician], await RolesOfAsync(db, first.UserId!));
            Assert.False(await db.OrganisationMemberships.AnyAsync(m => m.UserId == first.UserId));
        }

        var none = await SignInAsync(new ExternalIdentity(Issuer, "sub-groups-1", "grupper@test.example", null, []), mappings);
        await using (var db = await DbAsync())
        {
            Assert.False(none.HasAccess);
            Assert.Empty(await RolesOfAsync(db, first.UserId!));
        }
    }

    [Fact]
    public async Task A_deactivated_account_stays_deactivated_and_its_groups_change_nothing()
    {
        var created = await SignInAsync(new ExternalIdentity(Issuer, "sub-inactive-1", "inaktiv@test.example", null, []));
        await using (var db = await DbAsync())
        {
            var account = await db.Users.SingleAsync(u => u.Id == created.UserId);
            account.IsActive = false;
            await db.SaveChangesAsync();
        }

        var result = await SignInAsync(
            new ExternalIdentity(Issuer, "sub-inactive-1", "inaktiv@test.example", null, ["grp-omsorg"]),
            [new GroupMapping("grp-omsorg", Roles.Secretary, "omsorgsnamnden")]);

        Assert.False(result.IsActive);
        await using var check = await DbAsync();
        Assert.Empty(await RolesOfAsync(check, created.UserId!));
    }

    private async Task<ExternalSignInResult> SignInAsync(ExternalIdentity identity, IReadOnlyList<GroupMapping>? mappings = null)
    {
        await portal.CreateClient().GetPageAsync("/");
        using var scope = portal.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ExternalAccountService>().SignInAsync(identity, mappings ?? NoMappings);
    }

    private async Task<string> CreateLocalAccountAsync(string email, string role)
    {
        await portal.CreateClient().GetPageAsync("/");
        using var scope = portal.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var account = new PortalUser { UserName = email, Email = email, DisplayName = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(account, "ett långt lösenord här")).Succeeded);
        Assert.True((await users.AddToRoleAsync(account, role)).Succeeded);
        return account.Id;
    }

    private Task<StrategyDbContext> DbAsync() =>
        portal.Services.GetRequiredService<IDbContextFactory<StrategyDbContext>>().CreateDbContextAsync();

    private static Task<List<string>> RolesOfAsync(StrategyDbContext db, string userId) =>
        db.UserRoles.Where(r => r.UserId == userId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToListAsync();
}
