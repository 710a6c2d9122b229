using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Sandviken.Strategy.Domain.Mail;

/// <summary>A plain-text message to one or more people.</summary>
public sealed record OutgoingMail(IReadOnlyList<string> To, string Subject, string Body);

/// <summary>Sends mail; the portal's one implementation speaks SMTP (MailKit), so tests run it against a real server.</summary>
public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken ct = default);
}

/// <summary>Sends each message over its own SMTP connection: the portal sends few, and a broken connection cannot linger.</summary>
public sealed class SmtpMailSender(EmailOptions options) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken ct = default)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        foreach (var to in mail.To)
        {
            message.To.Add(MailboxAddress.Parse(to));
        }

        message.Subject = mail.Subject;
        message.Body = new TextPart("plain") { Text = mail.Body };

        using var client = new SmtpClient();
        var security = options.UseTls ? SecureSocketOptions.SslOnConnect
            : options.StartTls ? SecureSocketOptions.StartTls
            : SecureSocketOptions.None;
        await client.ConnectAsync(options.SmtpHost, options.SmtpPort, security, ct);
        if (!string.IsNullOrEmpty(options.UserName))
        {
            await client.AuthenticateAsync(options.UserName, options.Password ?? "", ct);
        }

        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }
}
