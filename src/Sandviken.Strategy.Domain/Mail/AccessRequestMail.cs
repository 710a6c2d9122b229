using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Users;

namespace Sandviken.Strategy.Domain.Mail;

/// <summary>
/// Tells the administrators by e-mail that a person signed in through the identity provider for the first time and
/// waits for access (ADR 0040), so that nobody has to chase them. Sent once: an account is created once per subject.
/// Administrators who switched reminders off get nothing. A mail server that fails never stops the sign-in.
/// </summary>
public sealed class AccessRequestMail(
    IDbContextFactory<StrategyDbContext> dbFactory, IMailSender mail, EmailOptions email, ILogger<AccessRequestMail> logger)
{
    /// <returns>True when the message was accepted by the mail server.</returns>
    public async Task<bool> NotifyAsync(string userId, CancellationToken ct = default)
    {
        if (!email.IsConfigured)
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var person = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.DisplayName, u.Email }).SingleOrDefaultAsync(ct);
        var administrators = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && !u.RemindersOff && u.Email != null && u.Email != "")
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Administrator)))
            .Select(u => u.Email!)
            .ToListAsync(ct);
        if (person is null || administrators.Count == 0)
        {
            return false;
        }

        var name = string.IsNullOrWhiteSpace(person.DisplayName) ? person.Email ?? "En ny person" : person.DisplayName.Trim();
        var body = new StringBuilder();
        body.AppendLine("Hej!").AppendLine();
        body.AppendLine(Swedish.Culture, $"{name}{(person.Email is { Length: > 0 } address ? $" ({address})" : "")} har loggat in i strategiportalen med kommunens inloggning för första gången och väntar på behörighet.");
        body.AppendLine().AppendLine("Ge personen roller, och nämnder eller bolag om hen är sekreterare, under Användare:");
        body.AppendLine(email.Link("/admin/anvandare"));
        body.AppendLine().AppendLine(Swedish.Culture, $"Du får det här meddelandet för att du är administratör. Du kan stänga av meddelandena på {email.Link("/konto/paminnelser")}.");
        try
        {
            await mail.SendAsync(new OutgoingMail([.. administrators.Order(StringComparer.Ordinal)], $"Väntar på behörighet: {name}", body.ToString()), ct);
            return true;
        }
        catch (Exception e) when (e is MailKit.ProtocolException or MailKit.Net.Smtp.SmtpCommandException or System.Net.Sockets.SocketException or IOException or MimeKit.ParseException)
        {
            logger.LogWarning("The administrators could not be told by e-mail that account {UserId} waits for access: {Message}", userId, e.Message);
            return false;
        }
    }
}
