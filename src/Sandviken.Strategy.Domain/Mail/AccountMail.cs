using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Sandviken.Strategy.Domain.Administration;
using Sandviken.Strategy.Domain.Validation;

namespace Sandviken.Strategy.Domain.Mail;

/// <summary>
/// With e-mail configured, new accounts get an invitation and a forgotten password a new temporary one by e-mail, made
/// here, so that no administrator sees or hands on a password (ADR 0041). Without e-mail the administrator types it.
/// </summary>
public sealed class AccountMail(UserAdminService users, IMailSender mail, EmailOptions email)
{
    public bool IsAvailable => email.IsConfigured;

    /// <summary>Creates the account with a generated password and mails the invitation; the password given is ignored.</summary>
    /// <returns>The new account's id.</returns>
    public async Task<string> CreateAndInviteAsync(ClaimsPrincipal admin, NewUserInput input, CancellationToken ct = default)
    {
        var password = NewTemporaryPassword();
        var id = await users.CreateAsync(admin, input with { Password = password }, ct);
        var address = input.Email.Trim();
        await SendOrExplainAsync(
            new OutgoingMail(
                [address],
                "Du har fått ett konto i strategiportalen",
                Body(input.DisplayName.Trim(), $"En administratör har skapat ett konto åt dig i strategiportalen. Logga in med din e-postadress {address} och det tillfälliga lösenordet nedan.", password)),
            "Kontot är skapat, men inbjudan kunde inte skickas med e-post. Sätt ett nytt tillfälligt lösenord för kontot när e-posten fungerar igen.",
            ct);
        return id;
    }

    /// <summary>Sets a generated temporary password and mails it to the account's own address.</summary>
    public async Task ResetAndSendAsync(ClaimsPrincipal admin, string userId, string address, string displayName, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            throw new RuleViolationException("Kontot har ingen e-postadress att skicka lösenordet till.");
        }

        var password = NewTemporaryPassword();
        await users.SetPasswordAsync(admin, userId, password, ct);
        await SendOrExplainAsync(
            new OutgoingMail(
                [address],
                "Nytt tillfälligt lösenord till strategiportalen",
                Body(displayName, "En administratör har gett dig ett nytt tillfälligt lösenord till strategiportalen. Du har loggats ut överallt.", password)),
            "Lösenordet är bytt, men e-posten kunde inte skickas. Försök igen när e-posten fungerar.",
            ct);
    }

    private async Task SendOrExplainAsync(OutgoingMail message, string failure, CancellationToken ct)
    {
        try
        {
            await mail.SendAsync(message, ct);
        }
        catch (Exception e) when (e is MailKit.ProtocolException or MailKit.Net.Smtp.SmtpCommandException or System.Net.Sockets.SocketException or IOException)
        {
            throw new SavedButNotSentException(failure, e);
        }
    }

    private string Body(string name, string intro, string password)
    {
        var body = new StringBuilder();
        body.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"Hej {name}!").AppendLine();
        body.AppendLine(intro).AppendLine();
        body.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"Tillfälligt lösenord: {password}").AppendLine();
        body.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"Logga in: {email.Link("/konto/logga-in")}");
        body.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"Byt sedan lösenordet till ett eget: {email.Link("/konto/byt-losenord")}");
        body.AppendLine().AppendLine("Har du inte väntat dig det här meddelandet kan du bortse från det.");
        return body.ToString();
    }

    // 20 characters from an alphabet without look-alikes (0/O, 1/l/I): about 110 bits, typed by hand if need be.
    internal static string NewTemporaryPassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, 20);
    }
}
