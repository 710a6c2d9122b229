using Microsoft.Extensions.Configuration;
using Sandviken.Strategy.Web.Reminders;

namespace Sandviken.Strategy.Web.Tests.Reminders;

/// <summary>The "Email" and "Reminders" sections as the README's configuration table describes them (ADR 0041).</summary>
public sealed class ReminderConfigurationTests
{
    [Fact]
    public void Without_settings_e_mail_is_off_and_reminders_have_their_documented_defaults()
    {
        var configuration = Configuration([]);

        var email = ReminderRegistration.ReadEmail(configuration);
        var reminders = ReminderRegistration.ReadReminders(configuration);

        Assert.False(email.IsConfigured);
        Assert.Equal(25, email.SmtpPort);
        Assert.Equal([14, 3], reminders.DaysBefore);
        Assert.Equal((4, 90, TimeSpan.FromMinutes(60)), (reminders.StaleAfterMonth, reminders.KeepLogDays, reminders.Interval));
    }

    [Fact]
    public void Every_setting_is_read_and_the_portal_address_falls_back_to_the_open_data_address()
    {
        var configuration = Configuration(new()
        {
            ["Email:Enabled"] = "true",
            ["Email:From"] = "Strategiportalen <noreply@sandviken.se>",
            ["Email:Smtp:Host"] = "smtp.sandviken.se",
            ["Email:Smtp:Port"] = "587",
            ["Email:Smtp:StartTls"] = "true",
            ["OpenData:PublicBaseUrl"] = "https://strategi.sandviken.se",
            ["Reminders:DaysBefore"] = "30, 7,1",
            ["Reminders:StaleAfterMonth"] = "6",
            ["Reminders:IntervalMinutes"] = "15",
            ["Reminders:KeepLogDays"] = "365",
        });

        var email = ReminderRegistration.ReadEmail(configuration);
        var reminders = ReminderRegistration.ReadReminders(configuration);

        Assert.True(email.IsConfigured);
        Assert.Equal((587, true), (email.SmtpPort, email.StartTls));
        Assert.Equal("https://strategi.sandviken.se/konto/paminnelser", email.Link("/konto/paminnelser"));
        Assert.Equal([30, 7, 1], reminders.DaysBefore);
        Assert.Equal((6, 365, TimeSpan.FromMinutes(15)), (reminders.StaleAfterMonth, reminders.KeepLogDays, reminders.Interval));
    }

    [Fact]
    public void Days_before_that_are_not_whole_days_stop_the_start_with_a_message_naming_the_setting()
    {
        var configuration = Configuration(new() { ["Reminders:DaysBefore"] = "14, tre" });

        var refused = Assert.Throws<InvalidOperationException>(() => ReminderRegistration.ReadReminders(configuration));

        Assert.Contains("Reminders:DaysBefore", refused.Message, StringComparison.Ordinal);
        Assert.Contains("'14, tre'", refused.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
