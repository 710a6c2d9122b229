using Sandviken.Strategy.Domain.Kolada;

namespace Sandviken.Strategy.Web.Kolada;

/// <summary>
/// Imports from Kolada on a schedule. Off by default (Kolada:Schedule:Enabled): most machines that run the
/// portal have no internet, and an administrator can import on demand or from a file instead.
/// </summary>
internal sealed class KoladaScheduledImport(KoladaSchedule schedule, KoladaImporter importer, TimeProvider time, ILogger<KoladaScheduledImport> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!schedule.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(schedule.Interval, time);
        do
        {
            try
            {
                var result = await importer.ImportOnScheduleAsync(stoppingToken);
                logger.LogInformation("Scheduled Kolada import: {Summary}", result.Summary);
            }
            catch (KoladaException e)
            {
                // Nothing was stored; the next run tries again.
                logger.LogWarning("Scheduled Kolada import failed: {Message}", e.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Whatever else goes wrong (the database, say) must not stop the portal: log it and try at the next tick.
                logger.LogError(e, "Scheduled Kolada import failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
