using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Mail;
using Sandviken.Strategy.Domain.Reminders;

namespace Sandviken.Strategy.Web.Reminders;

/// <summary>
/// Runs the reminder sender every Reminders:IntervalMinutes (default 60) while e-mail is configured. Each run takes a
/// lease first, so that with several instances one sends; the send log's unique key would stop a repeat all the same.
/// </summary>
internal sealed class ReminderService(
    EmailOptions email, ReminderOptions options, ReminderSender sender, DatabaseLeases leases, TimeProvider time, ILogger<ReminderService> logger)
    : BackgroundService
{
    public const string LeaseName = "email-reminders";

    private readonly string holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!email.IsConfigured)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Interval, time);
        do
        {
            try
            {
                var now = time.GetUtcNow().UtcDateTime;
                if (!await leases.TryAcquireAsync(LeaseName, holder, now, now + options.Interval, stoppingToken))
                {
                    continue;
                }

                var result = await sender.RunOnceAsync(stoppingToken);
                if (result.Sent + result.Failed + result.Pruned > 0)
                {
                    logger.LogInformation(
                        "Reminders: {Sent} sent, {Failed} failed, {Pruned} old send-log rows deleted", result.Sent, result.Failed, result.Pruned);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database or the mail server being away must not stop the portal: the next tick tries again.
                logger.LogError(e, "Reminders failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
