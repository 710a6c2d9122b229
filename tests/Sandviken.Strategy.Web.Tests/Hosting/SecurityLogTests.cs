using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Domain.Administration;
using Sandviken.Strategy.Domain.Users;
using Sandviken.Strategy.Web.Tests.Account;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Hosting;

/// <summary>
/// The portal on real Kestrel (so that requests have a client address), its JSON log file read back: one entry per
/// security event, with the client's address, and user values cut and cleaned (ADR 0031).
/// </summary>
#pragma warning disable CA1001 // xunit disposes the portal through IAsyncLifetime.DisposeAsync.
public sealed class SecurityLogTests : IAsyncLifetime
{
    private readonly PortalFactory portal = new();
    private Uri address = null!;

    public Task InitializeAsync()
    {
        portal.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        portal.StartServer();
        address = new Uri(portal.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();

    [Fact]
    public async Task Each_security_event_is_logged_once_with_the_client_address()
    {
        var email = await SessionTests.CreateAccountAsync(portal, "loggad@kommun.example");
        using var client = NewClient();
        await client.SignInAsync("sekreterare.bostad@sandviken.example", "fel lösenord en gång");
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await client.SignInAsync("sekreterare.omsorg@sandviken.example", "fel lösenord igen");
        }

        await client.SignInAsync("politiker@sandviken.example");
        using (await client.GetAsync("/admin"))
        {
        }

        await SessionTests.SignOutAsync(client);
        await client.SignInAsync(email, "ett riktigt långt lösenord");
        await SessionTests.ChangePasswordAsync(client, "ett riktigt långt lösenord");
        await ChangeRolesAsync(email);

        var events = await SecurityEventsAsync(8);
        Assert.Equal(1, Count(events, "SignInFailed", "sekreterare.bostad@sandviken.example"));
        Assert.Equal(4, Count(events, "SignInFailed", "sekreterare.omsorg@sandviken.example"));
        Assert.Equal(1, Count(events, "LockedOut", "sekreterare.omsorg@sandviken.example"));
        Assert.Equal(1, Count(events, "SignIn", "politiker@sandviken.example"));
        Assert.Equal(1, Count(events, "Refused", "politiker@sandviken.example"));
        Assert.Equal(1, Count(events, "SignOut", "politiker@sandviken.example"));
        Assert.Equal(1, Count(events, "PasswordChanged", email));
        Assert.Equal(1, Count(events, "RoleChanged", email));
        // Everything a client's request caused names the client; the role change was made here, outside any request.
        Assert.All(events.Where(e => e.GetProperty("SecurityEvent").GetString() != "RoleChanged"),
            e => Assert.Equal("127.0.0.1", e.GetProperty("ClientAddress").GetString()));
        var request = (await LogEventsAsync()).First(e => e.TryGetProperty("RequestPath", out var path) && path.GetString() == "/admin");
        Assert.Equal("127.0.0.1", request.GetProperty("ClientAddress").GetString());
    }

    [Fact]
    public async Task A_forged_newline_starts_no_line_and_a_huge_e_mail_is_cut()
    {
        using var client = NewClient();
        await client.SignInAsync("x@y.example\r\n2026-11-26 [INF] admin@sandviken.example signed in", "fel lösenord");
        await client.SignInAsync(new string('a', 1_000_000) + "@kommun.example", "fel lösenord");

        var events = await SecurityEventsAsync(2);
        var users = events.Select(e => e.GetProperty("User").GetString()!).ToList();
        Assert.Contains("x@y.example??2026-11-26 [INF] admin@sandviken.example signed in", users);
        Assert.Contains(users, u => u.StartsWith(new string('a', 200) + "… [1000015 characters, cut]", StringComparison.Ordinal));
        Assert.All(users, u => Assert.True(u.Length < 300));
        // Every line of the log is one whole entry.
        foreach (var line in (await ReadLogAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.StartsWith("{", line, StringComparison.Ordinal);
            using var _ = JsonDocument.Parse(line);
        }

        Assert.True((await ReadLogAsync()).Length < 100_000);
    }

    private HttpClient NewClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = address };

    private async Task ChangeRolesAsync(string email)
    {
        using var scope = portal.Services.CreateScope();
        var admin = await Browserless.PrincipalOfAsync(scope, "admin@sandviken.example");
        var admins = scope.ServiceProvider.GetRequiredService<UserAdminService>();
        var row = (await admins.ListAsync(admin)).Single(u => u.Email == email);
        await admins.UpdateAsync(admin, row.Id, row.ConcurrencyToken, new UserInput(row.DisplayName, true, [Roles.Politician], []));
    }

    private static int Count(List<JsonElement> events, string kind, string user) =>
        events.Count(e => e.GetProperty("SecurityEvent").GetString() == kind && e.GetProperty("User").GetString() == user);

    // The log is written as each event happens; wait (bounded) until the expected number of events is there.
    private async Task<List<JsonElement>> SecurityEventsAsync(int atLeast)
    {
        List<JsonElement> events = [];
        for (var attempt = 0; attempt < 100; attempt++)
        {
            events = [.. (await LogEventsAsync()).Where(e => e.TryGetProperty("SecurityEvent", out _) && e.TryGetProperty("User", out _))];
            if (events.Count >= atLeast)
            {
                break;
            }

            await Task.Delay(100);
        }

        return events;
    }

    private async Task<List<JsonElement>> LogEventsAsync() =>
        [.. (await ReadLogAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.EndsWith('}')).Select(l => JsonDocument.Parse(l).RootElement)];

    private async Task<string> ReadLogAsync()
    {
        var text = new System.Text.StringBuilder();
        foreach (var file in Directory.Exists(portal.LogFolder) ? Directory.GetFiles(portal.LogFolder, "portal-*.log") : [])
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            text.Append(await reader.ReadToEndAsync());
        }

        return text.ToString();
    }
}
#pragma warning restore CA1001
