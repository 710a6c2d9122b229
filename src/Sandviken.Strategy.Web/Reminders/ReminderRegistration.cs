using System.Globalization;
using Sandviken.Strategy.Domain.Mail;
using Sandviken.Strategy.Domain.Reminders;

namespace Sandviken.Strategy.Web.Reminders;

/// <summary>E-mail (section "Email") and reminders (section "Reminders"): off unless Email:Enabled is true (ADR 0041).</summary>
internal static class ReminderRegistration
{
    public static IServiceCollection AddReminders(this IServiceCollection services)
    {
        services.AddSingleton(sp => ReadEmail(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton(sp => ReadReminders(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<IMailSender>(sp => new SmtpMailSender(sp.GetRequiredService<EmailOptions>()));
        services.AddSingleton<StaleIndicatorReader>();
        services.AddSingleton<ReminderPreferences>();
        services.AddScoped<AccountMail>();
        services.AddSingleton<AccessRequestMail>();
        services.AddSingleton<ReminderSender>();
        services.AddHostedService<ReminderService>();
        return services;
    }

    internal static EmailOptions ReadEmail(IConfiguration configuration)
    {
        var section = configuration.GetSection(EmailOptions.SectionName);
        var smtp = section.GetSection("Smtp");
        var baseUrl = section["PortalBaseUrl"] is { Length: > 0 } own ? own : configuration["OpenData:PublicBaseUrl"];
        return new EmailOptions
        {
            Enabled = bool.TryParse(section["Enabled"], out var on) && on,
            From = section["From"] ?? "",
            PortalBaseUrl = Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) ? new Uri(uri.ToString().TrimEnd('/') + "/") : null,
            SmtpHost = smtp["Host"] ?? "",
            SmtpPort = int.TryParse(smtp["Port"], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port > 0 ? port : 25,
            StartTls = bool.TryParse(smtp["StartTls"], out var startTls) && startTls,
            UseTls = bool.TryParse(smtp["UseTls"], out var tls) && tls,
            UserName = smtp["UserName"],
            Password = smtp["Password"],
        };
    }

    internal static ReminderOptions ReadReminders(IConfiguration configuration)
    {
        var section = configuration.GetSection(ReminderOptions.SectionName);
        var options = new ReminderOptions();
        if (section["DaysBefore"] is { Length: > 0 } days)
        {
            var steps = days.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            options.DaysBefore = steps.All(d => int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                ? [.. steps.Select(d => int.Parse(d, NumberStyles.None, CultureInfo.InvariantCulture))]
                : throw new InvalidOperationException($"Reminders:DaysBefore must be whole days separated by commas, for example 14,3; it is '{days}'.");
        }

        if (int.TryParse(section["KeepLogDays"], NumberStyles.None, CultureInfo.InvariantCulture, out var keep) && keep > 0)
        {
            options.KeepLogDays = keep;
        }

        if (int.TryParse(section["StaleAfterMonth"], NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12)
        {
            options.StaleAfterMonth = month;
        }

        if (double.TryParse(section["IntervalMinutes"], NumberStyles.Float, CultureInfo.InvariantCulture, out var minutes) && minutes > 0)
        {
            options.Interval = TimeSpan.FromMinutes(minutes);
        }

        return options;
    }
}
