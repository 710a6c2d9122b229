using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Mail;
using Sandviken.Strategy.Domain.Tests.Infrastructure;
using Sandviken.Strategy.Domain.Users;
using Sandviken.Strategy.Domain.Validation;

namespace Sandviken.Strategy.Domain.Tests.Reminders;

/// <summary>With e-mail configured, invitations and temporary passwords go by e-mail through a real SMTP server.</summary>
public sealed partial class AccountMailTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private SmtpSink smtp = null!;
    private Services services = null!;
    private ClaimsPrincipal admin = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateSeededAsync();
        smtp = await SmtpSink.StartAsync();
        services = new Services(database);
        await database.EnsureRolesAsync();
        admin = await database.CreateAsync("admin@sandviken.test", Roles.Administrator);
    }

    public async Task DisposeAsync()
    {
        await smtp.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task A_new_account_gets_an_invitation_with_a_temporary_password_that_signs_in()
    {
        var mail = new AccountMail(services.Users, new SmtpMailSender(smtp.Options()), smtp.Options());

        var id = await mail.CreateAndInviteAsync(admin, new("nina@sandviken.test", "Nina Ny", "", [Roles.Official], []));

        var (to, message) = Assert.Single(smtp.Messages());
        Assert.Equal(["nina@sandviken.test"], to);
        Assert.Equal("Du har fått ett konto i strategiportalen", message.Subject);
        Assert.Contains("Hej Nina Ny!", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://strategi.sandviken.test/konto/logga-in", message.TextBody, StringComparison.Ordinal);
        Assert.True(await PasswordWorksAsync(id, PasswordIn(message.TextBody)));
    }

    [Fact]
    public async Task A_reset_sends_a_new_temporary_password_to_the_account_and_the_old_one_stops_working()
    {
        var mail = new AccountMail(services.Users, new SmtpMailSender(smtp.Options()), smtp.Options());
        var id = await services.Users.CreateAsync(admin, new("olle@sandviken.test", "Olle", "ett gammalt långt lösenord", [Roles.Official], []));

        await mail.ResetAndSendAsync(admin, id, "olle@sandviken.test", "Olle");

        var (to, message) = Assert.Single(smtp.Messages());
        Assert.Equal(["olle@sandviken.test"], to);
        Assert.Equal("Nytt tillfälligt lösenord till strategiportalen", message.Subject);
        Assert.True(await PasswordWorksAsync(id, PasswordIn(message.TextBody)));
        Assert.False(await PasswordWorksAsync(id, "ett gammalt långt lösenord"));
    }

    [Fact]
    public async Task A_refused_message_is_explained_in_Swedish_and_the_new_password_stays_set()
    {
        var mail = new AccountMail(services.Users, new SmtpMailSender(smtp.Options()), smtp.Options());
        var id = await services.Users.CreateAsync(admin, new("olle@sandviken.test", "Olle", "ett gammalt långt lösenord", [Roles.Official], []));
        smtp.Reject(true);

        var refusal = await Assert.ThrowsAsync<SavedButNotSentException>(() => mail.ResetAndSendAsync(admin, id, "olle@sandviken.test", "Olle"));

        Assert.Equal("Lösenordet är bytt, men e-posten kunde inte skickas. Försök igen när e-posten fungerar.", refusal.Message);
        Assert.Empty(smtp.Messages());
        Assert.False(await PasswordWorksAsync(id, "ett gammalt långt lösenord"));
    }

    private static string PasswordIn(string? body) => PasswordLine().Match(body ?? "").Groups[1].Value;

    private async Task<bool> PasswordWorksAsync(string userId, string password)
    {
        await using var db = database.CreateDbContext();
        var user = await db.Users.SingleAsync(u => u.Id == userId);
        return new PasswordHasher<PortalUser>().VerifyHashedPassword(user, user.PasswordHash!, password) != PasswordVerificationResult.Failed;
    }

    [GeneratedRegex("Tillfälligt lösenord: (\\S+)")]
    private static partial Regex PasswordLine();
}
