using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Access;
using Sandviken.Strategy.Domain.Auditing;
using Sandviken.Strategy.Domain.Administration;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Validation;

namespace Sandviken.Strategy.Domain.Users;

public sealed record PasswordChangeInput(string CurrentPassword, string NewPassword, string RepeatedPassword);

/// <summary>
/// A signed-in user changes their own password, for example the temporary one an administrator gave them.
/// The new security stamp ends the user's other sessions at their next validation; the change is audited.
/// </summary>
public sealed class PasswordService(
    IDbContextFactory<StrategyDbContext> dbFactory,
    ActorLoader actors,
    TimeProvider time,
    IPasswordHasher<PortalUser> passwordHasher)
{
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

        var problems = new Problems();
        var current = input.CurrentPassword ?? "";
        var next = input.NewPassword ?? "";
        problems.Require(current.Length > 0, nameof(PasswordChangeInput.CurrentPassword), "Ange ditt nuvarande lösenord.");
        problems.Require(
            current.Length == 0 || (account.PasswordHash is not null
                && passwordHasher.VerifyHashedPassword(account, account.PasswordHash, current) != PasswordVerificationResult.Failed),
            nameof(PasswordChangeInput.CurrentPassword),
            "Det nuvarande lösenordet stämmer inte.");
        problems.Require(
            next.Length >= UserAdminService.MinimumPasswordLength,
            nameof(PasswordChangeInput.NewPassword),
            $"Det nya lösenordet måste ha minst {UserAdminService.MinimumPasswordLength} tecken.");
        problems.Require(next.Length == 0 || next != current, nameof(PasswordChangeInput.NewPassword), "Det nya lösenordet måste skilja sig från det nuvarande.");
        problems.Require(next == (input.RepeatedPassword ?? ""), nameof(PasswordChangeInput.RepeatedPassword), "Lösenorden är inte likadana. Skriv det nya lösenordet två gånger.");
        problems.ThrowIfAny();

        account.PasswordHash = passwordHasher.HashPassword(account, next);
        account.SecurityStamp = Guid.NewGuid().ToString("N");
        Auditing.Audit.Record(db, actor, time.GetUtcNow().UtcDateTime, AuditActions.UserChangeOwnPassword, "User", account.Id, null, null);
        await db.SaveChangesAsync(ct);
    }
}
