using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Access;
using Sandviken.Strategy.Domain.Tests.Infrastructure;
using Sandviken.Strategy.Domain.Users;
using Sandviken.Strategy.Domain.Validation;

namespace Sandviken.Strategy.Domain.Tests.Users;

public sealed class PasswordTests : IAsyncLifetime
{
    private const string Temporary = "ett tillfälligt lösenord";
    private const string Chosen = "mitt eget långa lösenord";
    private readonly PasswordHasher<PortalUser> hasher = new();
    private TestDatabase database = null!;
    private Services services = null!;
    private ClaimsPrincipal admin = null!;
    private ClaimsPrincipal secretary = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateSeededAsync(includeDemo: false);
        await database.EnsureRolesAsync();
        services = new Services(database);
        admin = await database.CreateAsync("admin@test", Roles.Administrator);
        secretary = await database.CreateAsync("sekreterare@test", Roles.Secretary);
        await SetStoredPasswordAsync(secretary, Temporary);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task A_user_changes_their_own_password_which_ends_their_other_sessions_and_is_audited_without_the_password()
    {
        var stampBefore = (await AccountAsync(secretary)).SecurityStamp;

        await services.Passwords.ChangeOwnPasswordAsync(secretary, new(Temporary, Chosen, Chosen));

        var account = await AccountAsync(secretary);
        Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(account, account.PasswordHash!, Chosen));
        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(account, account.PasswordHash!, Temporary));
        Assert.NotEqual(stampBefore, account.SecurityStamp);
        await using var db = database.CreateDbContext();
        var entry = await db.AuditEntries.OrderBy(a => a.Id).LastAsync();
        Assert.Equal(("User.ChangeOwnPassword", "User", account.Id, "sekreterare@test"), (entry.Action, entry.Entity, entry.EntityId, entry.User));
        Assert.Null(entry.Before);
        Assert.Null(entry.After);
    }

    [Theory]
    [InlineData("", Chosen, Chosen, "CurrentPassword", "Ange ditt nuvarande lösenord.")]
    [InlineData("fel lösenord helt och hållet", Chosen, Chosen, "CurrentPassword", "Det nuvarande lösenordet stämmer inte.")]
    [InlineData(Temporary, "för kort", "för kort", "NewPassword", "Det nya lösenordet måste ha minst 12 tecken.")]
    [InlineData(Temporary, Temporary, Temporary, "NewPassword", "Det nya lösenordet måste skilja sig från det nuvarande.")]
    [InlineData(Temporary, Chosen, "mitt eget långa lösenor", "RepeatedPassword", "Lösenorden är inte likadana. Skriv det nya lösenordet två gånger.")]
    public async Task Bad_password_changes_are_refused_next_to_the_field_and_change_nothing(string current, string next, string repeated, string field, string message)
    {
        var before = await AccountAsync(secretary);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            services.Passwords.ChangeOwnPasswordAsync(secretary, new(current, next, repeated)));

        Assert.Equal(message, error.Errors[field]);
        var after = await AccountAsync(secretary);
        Assert.Equal((before.PasswordHash, before.SecurityStamp), (after.PasswordHash, after.SecurityStamp));
    }

    [Fact]
    public async Task Demo_accounts_deactivated_accounts_and_anonymous_visitors_cannot_change_a_password()
    {
        var demo = await database.CreateAsync("demo@test", Roles.Official);
        await SetStoredPasswordAsync(demo, Temporary, isDemo: true);
        var deactivated = await database.CreateAsync("inaktiv@test", Roles.Official);
        await SetStoredPasswordAsync(deactivated, Temporary);
        await database.DeactivateAsync(deactivated);

        foreach (var user in new[] { demo, deactivated, TestUsers.Anonymous })
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => services.Passwords.ChangeOwnPasswordAsync(user, new(Temporary, Chosen, Chosen)));
        }

        Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(await AccountAsync(demo), (await AccountAsync(demo)).PasswordHash!, Temporary));
        Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(await AccountAsync(deactivated), (await AccountAsync(deactivated)).PasswordHash!, Temporary));
        Assert.Equal(3, services.Log.Entries.Count(e => e.Message.StartsWith("Refused ChangeOwnPassword", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_administrator_gives_a_locked_out_user_a_new_temporary_password()
    {
        await using (var db = database.CreateDbContext())
        {
            var locked = await db.Users.SingleAsync(u => u.Id == IdOf(secretary));
            (locked.AccessFailedCount, locked.LockoutEnd) = (5, DateTimeOffset.UtcNow.AddMinutes(5));
            await db.SaveChangesAsync();
        }

        var stampBefore = (await AccountAsync(secretary)).SecurityStamp;

        await services.Users.SetPasswordAsync(admin, IdOf(secretary), "ett nytt tillfälligt lösenord");

        var account = await AccountAsync(secretary);
        Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(account, account.PasswordHash!, "ett nytt tillfälligt lösenord"));
        Assert.Equal((0, (DateTimeOffset?)null), (account.AccessFailedCount, account.LockoutEnd));
        Assert.NotEqual(stampBefore, account.SecurityStamp);
        await using var check = database.CreateDbContext();
        var entry = await check.AuditEntries.OrderBy(a => a.Id).LastAsync();
        Assert.Equal(("User.SetPassword", account.Id, "admin@test", (string?)null), (entry.Action, entry.EntityId, entry.User, entry.After));
    }

    [Fact]
    public async Task An_administrator_cannot_replace_a_demo_accounts_shared_password()
    {
        await SetStoredPasswordAsync(secretary, Temporary, isDemo: true);

        var error = await Assert.ThrowsAsync<RuleViolationException>(() => services.Users.SetPasswordAsync(admin, IdOf(secretary), "ett nytt tillfälligt lösenord"));

        Assert.StartsWith("Demokontonas lösenord visas på inloggningssidan", error.Message, StringComparison.Ordinal);
        var account = await AccountAsync(secretary);
        Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(account, account.PasswordHash!, Temporary));
    }

    [Fact]
    public async Task A_short_temporary_password_is_refused_and_the_old_one_still_works()
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => services.Users.SetPasswordAsync(admin, IdOf(secretary), "kort"));

        Assert.Equal("Lösenordet måste ha minst 12 tecken.", error.Errors["Password"]);
        var account = await AccountAsync(secretary);
        Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(account, account.PasswordHash!, Temporary));
    }

    [Fact]
    public async Task Wrong_current_passwords_count_toward_lockout_are_logged_and_lock_the_account_at_the_limit()
    {
        await using (var db = database.CreateDbContext())
        {
            var stored = await db.Users.SingleAsync(u => u.Id == IdOf(secretary));
            stored.LockoutEnabled = true;
            await db.SaveChangesAsync();
        }

        var stampBefore = (await AccountAsync(secretary)).SecurityStamp;
        for (var attempt = 1; attempt < 5; attempt++)
        {
            await Assert.ThrowsAsync<ValidationFailedException>(() => services.Passwords.ChangeOwnPasswordAsync(secretary, new("en gissning", Chosen, Chosen)));
            Assert.Equal(attempt, (await AccountAsync(secretary)).AccessFailedCount);
        }

        var locked = await Assert.ThrowsAsync<RuleViolationException>(() => services.Passwords.ChangeOwnPasswordAsync(secretary, new("en gissning", Chosen, Chosen)));
        Assert.Equal(PasswordService.LockedMessage, locked.Message);
        var account = await AccountAsync(secretary);
        Assert.Equal(database.Clock.GetUtcNow() + TimeSpan.FromMinutes(5), account.LockoutEnd);
        Assert.NotEqual(stampBefore, account.SecurityStamp); // the account's sessions end

        // Locked: even the right password changes nothing until the lockout ends.
        await Assert.ThrowsAsync<RuleViolationException>(() => services.Passwords.ChangeOwnPasswordAsync(secretary, new(Temporary, Chosen, Chosen)));
        Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(account, (await AccountAsync(secretary)).PasswordHash!, Temporary));
        Assert.Equal(5, services.PasswordLog.Entries.Count(e => e.Message.StartsWith("Security event CurrentPasswordWrong for sekreterare@test", StringComparison.Ordinal)));
        Assert.Equal(2, services.PasswordLog.Entries.Count(e => e.Message.StartsWith("Security event LockedOut for sekreterare@test", StringComparison.Ordinal)));

        database.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        await services.Passwords.ChangeOwnPasswordAsync(secretary, new(Temporary, Chosen, Chosen));
        Assert.Equal(0, (await AccountAsync(secretary)).AccessFailedCount);
    }

    private static string IdOf(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private async Task<PortalUser> AccountAsync(ClaimsPrincipal user)
    {
        await using var db = database.CreateDbContext();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Id == IdOf(user));
    }

    private async Task SetStoredPasswordAsync(ClaimsPrincipal user, string password, bool isDemo = false)
    {
        await using var db = database.CreateDbContext();
        var account = await db.Users.SingleAsync(u => u.Id == IdOf(user));
        account.PasswordHash = hasher.HashPassword(account, password);
        account.SecurityStamp = Guid.NewGuid().ToString("N");
        account.IsDemo = isDemo;
        await db.SaveChangesAsync();
    }
}
