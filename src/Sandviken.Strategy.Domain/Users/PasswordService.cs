using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Access;
using Sandviken.Strategy.Domain.Auditing;
using Sandviken.Strategy.Domain.Administration;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Logging;
using Sandviken.Strategy.Domain.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sandviken.Strategy.Domain.Users;

public sealed record PasswordChangeInput(string CurrentPassword, string NewPassword, string RepeatedPassword);

/// <summary>
/// A signed-in user changes their own password, for example the temporary one an administrator gave them.
/// The new security stamp ends the user's other sessions at their next validation; the change is audited.
/// A wrong current password counts toward the account's lockout like a failed sign-in (someone holding a
/// stolen session must not be able to guess the password here without limit): at the limit the account is
/// locked for the sign-in's lockout time and its sessions end.
/// </summary>
public sealed class PasswordService(
    IDbContextFactory<StrategyDbContext> dbFactory,
    ActorLoader actors,
    TimeProvider time,
    IPasswordHasher<PortalUser> passwordHasher,
    IOptions<IdentityOptions> identityOptions,
    ILogger<PasswordService> logger)
{
    public const string LockedMessage = "Kontot är låst i fem minuter efter för många felaktiga lösenord. Försök igen senare.";

    public async Task ChangeOwnPasswordAsync(ClaimsPrincipal user, PasswordChangeInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actor = await actors.LoadAsync(db, user, ct);
        if (!actor.IsSignedIn)
        {
            throw actors.Refuse(actor, "ChangeOwnPassword", "User", actor.UserId, "Logga in med ett aktivt konto för att byta lösenord.");
        }

        var account = await db.Users.SingleAsync(u => u.Id == actor.UserId, ct);
        if (account.IsDemo)
        {
            // Everyone who tries the demonstration shares these accounts and their password.
            throw actors.Refuse(actor, "ChangeOwnPassword", "User", actor.UserId, "Demokontonas lösenord kan inte bytas: alla som provar portalen delar dem.");
        }

        var lockout = identityOptions.Value.Lockout;
        if (account.LockoutEnabled && account.LockoutEnd >= time.GetUtcNow())
        {
            SecurityEvents.Log(logger, SecurityEvent.LockedOut, actor.UserName, "password change refused while locked out");
            throw new RuleViolationException(LockedMessage);
        }

        var problems = new Problems();
        var current = input.CurrentPassword ?? "";
        var next = input.NewPassword ?? "";
        problems.Require(current.Length > 0, nameof(PasswordChangeInput.CurrentPassword), "Ange ditt nuvarande lösenord.");
        var currentIsRight = current.Length == 0 || (account.PasswordHash is not null
            && passwordHasher.VerifyHashedPassword(account, account.PasswordHash, current) != PasswordVerificationResult.Failed);
        if (!currentIsRight)
        {
            await CountFailureAsync(db, account, lockout, actor.UserName, ct);
        }

        problems.Require(currentIsRight, nameof(PasswordChangeInput.CurrentPassword), "Det nuvarande lösenordet stämmer inte.");
        problems.Check(next, nameof(PasswordChangeInput.NewPassword), $"Det nya lösenordet måste ha minst {UserAdminService.MinimumPasswordLength} tecken.");
        problems.Require(next.Length == 0 || next != current, nameof(PasswordChangeInput.NewPassword), "Det nya lösenordet måste skilja sig från det nuvarande.");
        problems.Require(next == (input.RepeatedPassword ?? ""), nameof(PasswordChangeInput.RepeatedPassword), "Lösenorden är inte likadana. Skriv det nya lösenordet två gånger.");
        problems.ThrowIfAny();

        account.PasswordHash = passwordHasher.HashPassword(account, next);
        account.SecurityStamp = Guid.NewGuid().ToString("N");
        account.AccessFailedCount = 0;
        Auditing.Audit.Record(db, actor, time.GetUtcNow().UtcDateTime, AuditActions.UserChangeOwnPassword, "User", account.Id, null, null);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Counts one wrong current password in the database at once (an atomic increment, so that parallel guesses all
    /// count). The guess that reaches the limit locks the account, starts the count again and ends its sessions.
    /// </summary>
    private async Task CountFailureAsync(StrategyDbContext db, PortalUser account, LockoutOptions lockout, string userName, CancellationToken ct)
    {
        await db.Users.Where(u => u.Id == account.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1), ct);
        var count = await db.Users.Where(u => u.Id == account.Id).Select(u => u.AccessFailedCount).SingleAsync(ct);
        SecurityEvents.Log(logger, SecurityEvent.CurrentPasswordWrong, userName, $"failed attempt {count} of {lockout.MaxFailedAccessAttempts}");
        if (account.LockoutEnabled && count >= lockout.MaxFailedAccessAttempts)
        {
            var end = time.GetUtcNow().Add(lockout.DefaultLockoutTimeSpan);
            var stamp = Guid.NewGuid().ToString("N");
            await db.Users.Where(u => u.Id == account.Id).ExecuteUpdateAsync(
                s => s.SetProperty(u => u.LockoutEnd, end).SetProperty(u => u.AccessFailedCount, 0).SetProperty(u => u.SecurityStamp, stamp),
                ct);
            SecurityEvents.Log(logger, SecurityEvent.LockedOut, userName, $"after {count} wrong current passwords, until {end:O}; sessions ended");
            throw new RuleViolationException(LockedMessage);
        }
    }
}
