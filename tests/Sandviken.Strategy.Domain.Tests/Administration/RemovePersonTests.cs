using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Access;
using Sandviken.Strategy.Domain.Administration;
using Sandviken.Strategy.Domain.Auditing;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Reminders;
using Sandviken.Strategy.Domain.Tests.Infrastructure;
using Sandviken.Strategy.Domain.Users;
using Sandviken.Strategy.Domain.Validation;
using static Sandviken.Strategy.Domain.Tests.Infrastructure.Plans;

namespace Sandviken.Strategy.Domain.Tests.Administration;

/// <summary>An administrator removes a person (docs/privacy.md): their data go, the audit trail stays whole.</summary>
public sealed class RemovePersonTests : IAsyncLifetime
{
    private const string Organisation = "overformyndarnamnden-i-vastra-gastrikland";
    private const string SecretaryEmail = "sara@sandviken.test";
    private TestDatabase database = null!;
    private Services services = null!;
    private ClaimsPrincipal admin = null!;
    private ClaimsPrincipal secretary = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateSeededAsync();
        services = new Services(database);
        await database.EnsureRolesAsync();
        admin = await database.CreateAsync("admin@sandviken.test", Roles.Administrator);
        secretary = await database.CreateAsync(SecretaryEmail, Roles.Secretary, Organisation);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task A_removed_person_loses_name_address_password_subject_id_and_access_while_the_audit_trail_keeps_the_id()
    {
        var planId = await database.PlanIdAsync(Organisation, 2026);
        await services.Editing.AddGoalAsync(secretary, planId, Goal("Snabbare handläggning", await database.AreaIdAsync("vaxa-for-framtiden")));
        var secretaryId = secretary.FindFirstValue(ClaimTypes.NameIdentifier)!;
        await using (var db = database.CreateDbContext())
        {
            db.ReminderLog.Add(new ReminderLogEntry
            {
                Key = "2026:Draft:1:before-14", Kind = "before-14", Decision = DecisionKind.Draft, BudgetYear = 2026, OrganisationId = 1,
                Recipients = $"annan@sandviken.test,{SecretaryEmail}", ClaimedAtUtc = DateTime.UtcNow,
            });
            db.UserLogins.Add(new Microsoft.AspNetCore.Identity.IdentityUserLogin<string>
            {
                LoginProvider = "https://login.example/tenant", ProviderKey = "subject-of-sara", ProviderDisplayName = "Sandvikens kommun", UserId = secretaryId,
            });
            await db.SaveChangesAsync();
        }

        await services.Users.RemovePersonAsync(admin, secretaryId);

        await using var check = database.CreateDbContext();
        var account = await check.Users.SingleAsync(u => u.Id == secretaryId);
        Assert.Equal((UserAdminService.RemovedName, null, null, false), (account.DisplayName, account.Email, account.PasswordHash, account.IsActive));
        Assert.False(await check.UserLogins.AnyAsync(l => l.UserId == secretaryId));
        Assert.Equal("", (await services.Users.ListAsync(admin)).Single(u => u.Id == secretaryId).Email);
        Assert.False(await check.OrganisationMemberships.AnyAsync(m => m.UserId == secretaryId));
        Assert.False(await check.UserRoles.AnyAsync(r => r.UserId == secretaryId));
        Assert.Equal("annan@sandviken.test,(borttagen)", await check.ReminderLog.Select(e => e.Recipients).SingleAsync());
        var removal = await check.AuditEntries.SingleAsync(a => a.Action == AuditActions.UserRemove);
        Assert.Equal(secretaryId, removal.EntityId);
        Assert.DoesNotContain(SecretaryEmail, (removal.Before ?? "") + (removal.After ?? ""), StringComparison.Ordinal);

        // The goal the person added is still in the plan's history, now under the removed account's name.
        var history = await services.Workspace.ReadHistoryAsync(admin, planId);
        Assert.Equal(UserAdminService.RemovedName, history.First(h => h.Action == AuditActions.GoalAdd).User);
        var area = await database.AreaIdAsync("vaxa-for-framtiden");
        await Assert.ThrowsAsync<AccessDeniedException>(() => services.Editing.AddGoalAsync(secretary, planId, Goal("Till", area)));
    }

    [Fact]
    public async Task Only_another_administrator_can_remove_a_person()
    {
        var adminId = admin.FindFirstValue(ClaimTypes.NameIdentifier)!;

        await Assert.ThrowsAsync<RuleViolationException>(() => services.Users.RemovePersonAsync(admin, adminId));
        await Assert.ThrowsAsync<AccessDeniedException>(() => services.Users.RemovePersonAsync(secretary, adminId));
    }
}
