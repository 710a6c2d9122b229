using Microsoft.AspNetCore.Identity;
using Sandviken.Strategy.Domain.Users;
using Sandviken.Strategy.Domain.Validation;

namespace Sandviken.Strategy.Domain.Tests.Users;

/// <summary>Found by the generated-input tests: a password with half an emoji could not be hashed (a 500).</summary>
public sealed class PasswordTextTests
{
    private static readonly WellFormedPasswordHasher Hasher = new(new PasswordHasher<PortalUser>());

    // Not [InlineData]: an attribute's strings are stored as UTF-8, which would turn half an emoji into U+FFFD.
    [Fact]
    public void A_password_that_cannot_be_hashed_is_refused_with_a_Swedish_message()
    {
        foreach (var password in new[] { "ett långt lösenord " + '\uD83D', "ett långt lösenord \0 med NUL" })
        {
            var refusal = Assert.Throws<ValidationFailedException>(() => Hasher.HashPassword(new PortalUser(), password));

            Assert.Equal("Lösenordet innehåller ett tecken som inte går att använda. Skriv det utan det tecknet.", refusal.Errors["Password"]);
        }
    }

    [Fact]
    public void A_guess_that_cannot_be_hashed_is_a_wrong_password_and_a_right_one_still_works()
    {
        var user = new PortalUser();
        var hash = Hasher.HashPassword(user, "ett långt lösenord 🌲");

        Assert.Equal(PasswordVerificationResult.Failed, Hasher.VerifyHashedPassword(user, hash, "ett långt lösenord " + '\uD83C'));
        Assert.Equal(PasswordVerificationResult.Success, Hasher.VerifyHashedPassword(user, hash, "ett långt lösenord 🌲"));
    }
}
