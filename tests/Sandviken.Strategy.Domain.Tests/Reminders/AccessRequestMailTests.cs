using System.Security.Claims;
using Microsoft.Extensions.Logging.Abstractions;
using Sandviken.Strategy.Domain.Mail;
using Sandviken.Strategy.Domain.Tests.Infrastructure;
using Sandviken.Strategy.Domain.Users;

namespace Sandviken.Strategy.Domain.Tests.Reminders;

/// <summary>A person waiting for access is announced to the administrators by e-mail through a real SMTP server (ADR 0040).</summary>
public sealed class AccessRequestMailTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private SmtpSink smtp = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateSeededAsync();
        smtp = await SmtpSink.StartAsync();
        await database.EnsureRolesAsync();
        await database.CreateAsync("admin@sandviken.test", Roles.Administrator);
        await database.CreateAsync("tyst.admin@sandviken.test", Roles.Administrator);
        await database.SetRemindersOffAsync("tyst.admin@sandviken.test");
        await database.CreateAsync("sara@sandviken.test", Roles.Secretary, "omsorgsnamnden");
    }

    public async Task DisposeAsync()
    {
        await smtp.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Administrators_who_take_messages_learn_who_waits_with_a_link_to_the_users_page()
    {
        var person = await database.CreateAsync("ny.person@sandviken.test", null);

        var sent = await Notifier(smtp.Options()).NotifyAsync(person.FindFirstValue(ClaimTypes.NameIdentifier)!);

        Assert.True(sent);
        var (to, message) = Assert.Single(smtp.Messages());
        Assert.Equal(["admin@sandviken.test"], to);
        Assert.StartsWith("Väntar på behörighet: ", message.Subject, StringComparison.Ordinal);
        Assert.Contains("ny.person@sandviken.test", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("väntar på behörighet", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://strategi.sandviken.test/admin/anvandare", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_e_mail_configured_nothing_is_sent()
    {
        var person = await database.CreateAsync("ny.person@sandviken.test", null);
        var off = smtp.Options();
        off.Enabled = false;

        var sent = await Notifier(off).NotifyAsync(person.FindFirstValue(ClaimTypes.NameIdentifier)!);

        Assert.False(sent);
        Assert.Empty(smtp.Messages());
    }

    [Fact]
    public async Task A_mail_server_that_refuses_is_logged_and_not_thrown()
    {
        var person = await database.CreateAsync("ny.person@sandviken.test", null);
        smtp.Reject(true);

        var sent = await Notifier(smtp.Options()).NotifyAsync(person.FindFirstValue(ClaimTypes.NameIdentifier)!);

        Assert.False(sent);
        Assert.Empty(smtp.Messages());
    }

    private AccessRequestMail Notifier(EmailOptions email) =>
        new(database, new SmtpMailSender(email), email, NullLogger<AccessRequestMail>.Instance);
}
