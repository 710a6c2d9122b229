using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Sandviken.Strategy.Domain.Access;
using Sandviken.Strategy.Domain.Tests.Infrastructure;
using Sandviken.Strategy.Domain.Users;

namespace Sandviken.Strategy.Domain.Tests.Access;

/// <summary>The workspace's start (which organisations and plans a user sees) asks the database who is signed in, like every operation.</summary>
public sealed class WorkspaceOverviewAccessTests
{
    public enum NotSignedIn
    {
        Anonymous,
        DeactivatedSecretary,
        DeactivatedAdministrator,
        UnknownUserClaimingAdministrator,
    }

    public static TheoryData<NotSignedIn> EveryoneNotSignedIn => [.. Enum.GetValues<NotSignedIn>()];

    [Theory]
    [MemberData(nameof(EveryoneNotSignedIn))]
    public async Task The_overview_is_refused_to_anyone_not_signed_in_with_an_active_account(NotSignedIn who)
    {
        await using var database = await TestDatabase.CreateSeededAsync();
        var services = new Services(database);
        var user = who switch
        {
            NotSignedIn.Anonymous => TestUsers.Anonymous,
            NotSignedIn.DeactivatedSecretary => await DeactivatedAsync(database, "slutat@test", Roles.Secretary, "kunskapsnamnden"),
            NotSignedIn.DeactivatedAdministrator => await DeactivatedAsync(database, "slutat.admin@test", Roles.Administrator),
            _ => TestUsers.PrincipalOf(Guid.NewGuid().ToString(), "ingen@test", new Claim(ClaimTypes.Role, Roles.Administrator)),
        };

        var error = await Assert.ThrowsAsync<AccessDeniedException>(() => services.Workspace.ReadOverviewAsync(user));

        Assert.Equal("Logga in för att använda arbetsytan.", error.Message);
        var refusal = Assert.Single(services.Log.Entries, e => e.Level == LogLevel.Warning);
        Assert.StartsWith("Refused ReadWorkspace", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secretary_sees_only_their_own_organisations_and_an_official_sees_every_one()
    {
        await using var database = await TestDatabase.CreateSeededAsync();
        var services = new Services(database);
        var secretary = await database.CreateAsync("sekreterare@test", Roles.Secretary, "kunskapsnamnden");
        var official = await database.CreateAsync("tjansteperson@test", Roles.Official);
        int organisations;
        await using (var db = database.CreateDbContext())
        {
            organisations = await db.Organisations.CountAsync(o => o.IsActive || db.Plans.Any(p => p.OrganisationId == o.Id));
        }

        var own = await services.Workspace.ReadOverviewAsync(secretary);
        var all = await services.Workspace.ReadOverviewAsync(official);

        Assert.Equal(["kunskapsnamnden"], own.Organisations.Select(o => o.Slug));
        Assert.True(own.CanEditAnything);
        Assert.Equal(organisations, all.Organisations.Count);
        Assert.False(all.CanEditAnything);
    }

    private static async Task<ClaimsPrincipal> DeactivatedAsync(TestDatabase database, string userName, string role, params string[] organisations)
    {
        var user = await database.CreateAsync(userName, role, organisations);
        await database.DeactivateAsync(user);
        return user;
    }
}
