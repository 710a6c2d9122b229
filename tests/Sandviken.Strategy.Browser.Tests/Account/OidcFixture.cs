using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sandviken.Strategy.Browser.Tests.Infrastructure;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.OidcServer;

namespace Sandviken.Strategy.Browser.Tests.Account;

/// <summary>
/// The portal with OpenID Connect sign-in at a real OpenIddict server on loopback (tests/Sandviken.Strategy.OidcServer),
/// started before the portal so that the portal's configuration can name it. With <see cref="MapGroups"/>, the group
/// <see cref="OmsorgGroup"/> makes a secretary of Omsorgsnämnden; without, an administrator grants access.
/// </summary>
public abstract class OidcFixture : BrowserFixture
{
    public const string DisplayName = "Sandvikens inloggning";
    public const string OmsorgGroup = "5f1c2d3e-omsorg-sekreterare";

    public OidcTestServer Provider { get; private set; } = null!;

    protected abstract bool MapGroups { get; }

    public override async Task InitializeAsync()
    {
        Provider = await OidcTestServer.StartAsync();
        Settings["Authentication:Oidc:Enabled"] = "true";
        Settings["Authentication:Oidc:DisplayName"] = DisplayName;
        Settings["Authentication:Oidc:Authority"] = Provider.Issuer.ToString();
        Settings["Authentication:Oidc:ClientId"] = OidcTestServer.ClientId;
        Settings["Authentication:Oidc:ClientSecret"] = OidcTestServer.ClientSecret;
        Settings["Authentication:Oidc:RequireHttpsMetadata"] = "false";
        if (MapGroups)
        {
            Settings["Authentication:Oidc:GroupMappings:0:Group"] = OmsorgGroup;
            Settings["Authentication:Oidc:GroupMappings:0:Role"] = "Secretary";
            Settings["Authentication:Oidc:GroupMappings:0:Organisation"] = "omsorgsnamnden";
        }

        await base.InitializeAsync();
    }

    /// <summary>The id of an organisation's plan for a year, from the database the portal uses.</summary>
    public async Task<int> PlanIdAsync(string organisationSlug, int year)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<StrategyDbContext>>().CreateDbContextAsync();
        return await db.Plans.Where(p => p.Organisation.Slug == organisationSlug && p.BudgetYear == year).Select(p => p.Id).SingleAsync();
    }

    /// <summary>
    /// Waits (bounded: the log is written as each event happens) for a security event of this kind whose detail holds
    /// the given text, and says whether one came.
    /// </summary>
    public async Task<bool> HasSecurityEventAsync(string kind, string detailPart, string? user = null)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            foreach (var file in Directory.Exists(LogFolder) ? Directory.GetFiles(LogFolder, "portal-*.log") : [])
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var reader = new StreamReader(stream);
                foreach (var line in (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.EndsWith('}')))
                {
                    var entry = JsonDocument.Parse(line).RootElement;
                    if (entry.TryGetProperty("SecurityEvent", out var k) && k.GetString() == kind
                        && entry.TryGetProperty("Detail", out var d) && (d.GetString() ?? "").Contains(detailPart, StringComparison.Ordinal)
                        && (user is null || (entry.TryGetProperty("User", out var u) && u.GetString() == user)))
                    {
                        return true;
                    }
                }
            }

            await Task.Delay(100);
        }

        return false;
    }

    /// <summary>Clicks "Logga in med …" on the sign-in page; the provider signs in its current user without a form.</summary>
    public static async Task SignInAtProviderAsync(IPage page)
    {
        await page.GotoAsync("/konto/logga-in");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Logga in med {DisplayName}" }).ClickAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Provider is not null)
        {
            await Provider.DisposeAsync();
        }
    }
}

/// <summary>Access from the configured group table.</summary>
public sealed class OidcGroupsFixture : OidcFixture
{
    protected override bool MapGroups => true;
}

/// <summary>Access granted by an administrator, who is told by e-mail (a real SMTP server) that someone waits.</summary>
public sealed class OidcAdministratorGrantsFixture : OidcFixture
{
    public Sandviken.Strategy.Domain.Tests.Infrastructure.SmtpSink Smtp { get; private set; } = null!;

    protected override bool MapGroups => false;

    public override async Task InitializeAsync()
    {
        Smtp = await Sandviken.Strategy.Domain.Tests.Infrastructure.SmtpSink.StartAsync();
        var email = Smtp.Options();
        Settings["Email:Enabled"] = "true";
        Settings["Email:From"] = email.From;
        Settings["Email:Smtp:Host"] = email.SmtpHost;
        Settings["Email:Smtp:Port"] = email.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Settings["Email:PortalBaseUrl"] = email.PortalBaseUrl!.ToString();
        await base.InitializeAsync();
    }

    /// <summary>Waits (bounded) for a message with this subject at the SMTP server: it is sent beside the sign-in, not in it.</summary>
    public async Task<(IReadOnlyList<string> To, MimeKit.MimeMessage Message)?> MessageAsync(string subject)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (Smtp.Messages().FirstOrDefault(m => m.Message.Subject == subject) is { Message: not null } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        return null;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Smtp is not null)
        {
            await Smtp.DisposeAsync();
        }
    }
}

/// <summary>Access from the group table, in a portal of its own whose clock the session test moves.</summary>
public sealed class OidcSessionFixture : OidcFixture
{
    protected override bool MapGroups => true;
}
