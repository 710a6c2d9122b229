namespace Sandviken.Strategy.Domain.Mail;

/// <summary>
/// The "Email" section: Enabled (off by default), From, PortalBaseUrl (absolute, for the links in messages) and
/// Smtp:Host, Smtp:Port, Smtp:StartTls, Smtp:UseTls, Smtp:UserName, Smtp:Password.
/// </summary>
public sealed class EmailOptions
{
    public const string SectionName = "Email";

    public bool Enabled { get; set; }

    public string From { get; set; } = "";

    /// <summary>The portal's public address, such as https://strategi.sandviken.se/, for links in messages.</summary>
    public Uri? PortalBaseUrl { get; set; }

    public string SmtpHost { get; set; } = "";

    public int SmtpPort { get; set; } = 25;

    /// <summary>Upgrade the connection with STARTTLS (required when true; port 587 usually).</summary>
    public bool StartTls { get; set; }

    /// <summary>TLS from the first byte (port 465 usually).</summary>
    public bool UseTls { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>True when messages can go out: switched on, with a server and a sender.</summary>
    public bool IsConfigured => Enabled && SmtpHost.Length > 0 && From.Length > 0;

    /// <summary>An absolute link into the portal, or the path alone when no base address is configured.</summary>
    public string Link(string path) =>
        PortalBaseUrl is null ? path : new Uri(PortalBaseUrl, path.TrimStart('/')).ToString();
}
