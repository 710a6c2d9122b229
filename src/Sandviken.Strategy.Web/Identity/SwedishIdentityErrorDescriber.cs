using Microsoft.AspNetCore.Identity;

namespace Sandviken.Strategy.Web.Identity;

/// <summary>Identity's messages in Swedish, for the ones people meet.</summary>
internal sealed class SwedishIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = $"Lösenordet måste ha minst {length} tecken." };

    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = $"Det finns redan ett konto för {userName}." };

    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = $"Det finns redan ett konto med e-postadressen {email}." };

    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = $"”{email}” är inte en giltig e-postadress." };

    public override IdentityError InvalidUserName(string? userName) =>
        new() { Code = nameof(InvalidUserName), Description = $"”{userName}” kan inte användas som användarnamn." };

    public override IdentityError DefaultError() =>
        new() { Code = nameof(DefaultError), Description = "Något gick fel. Försök igen." };
}
