using Microsoft.AspNetCore.Identity;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Validation;

namespace Sandviken.Strategy.Domain.Users;

/// <summary>
/// What every new password must be. Half an emoji (an unpaired surrogate) or NUL cannot be hashed: the key
/// derivation encodes the password strictly as UTF-8 and would throw, which was a 500 on every password form.
/// </summary>
internal static class PasswordRules
{
    public const string UnusableMessage = "Lösenordet innehåller ett tecken som inte går att använda. Skriv det utan det tecknet.";

    public static void Check(this Problems problems, string? password, string field, string tooShortMessage)
    {
        var text = password ?? "";
        problems.Require(text.Length >= Administration.UserAdminService.MinimumPasswordLength, field, tooShortMessage);
        problems.Require(WellFormedText.IsStorable(text), field, UnusableMessage);
    }
}

/// <summary>
/// Identity's password hasher, made safe for any text a visitor types: a guess that cannot be hashed is simply
/// wrong (sign-in, current password), never an exception.
/// </summary>
public sealed class WellFormedPasswordHasher(IPasswordHasher<PortalUser> inner) : IPasswordHasher<PortalUser>
{
    public string HashPassword(PortalUser user, string password) =>
        WellFormedText.IsStorable(password)
            ? inner.HashPassword(user, password)
            : throw new ValidationFailedException("Password", PasswordRules.UnusableMessage);

    public PasswordVerificationResult VerifyHashedPassword(PortalUser user, string hashedPassword, string providedPassword) =>
        WellFormedText.IsStorable(providedPassword)
            ? inner.VerifyHashedPassword(user, hashedPassword, providedPassword)
            : PasswordVerificationResult.Failed;
}
