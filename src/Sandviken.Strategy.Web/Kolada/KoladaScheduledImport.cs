using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Kolada;

namespace Sandviken.Strategy.Web.Kolada;

/// <summary>
/// Imports from Kolada on a schedule. Off by default (Kolada:Schedule:Enabled): most machines that run the
/// portal have no internet, and an administrator can import on demand or from a file instead.
/// With several instances, time is cut into intervals counted from the Unix epoch, and whichever instance ticks first
/// in an interval takes its lease in the database and imports; the others find it taken and wait (ADR 0038).
/// </summary>
internal sealed class KoladaScheduledImport(
    KoladaSchedule schedule, KoladaImporter importer, DatabaseLeases leases, TimeProvider time, ILogger<KoladaScheduledImport> logger)
    : BackgroundService
{
    public const string LeaseName = "kolada-scheduled-import";

    private readonly string holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

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
                var now = time.GetUtcNow().UtcDateTime;
                if (!await leases.TryAcquireAsync(LeaseName, holder, now, EndOfInterval(now), stoppingToken))
                {
                    logger.LogInformation("Scheduled Kolada import: another instance imports in this interval");
                    continue;
                }

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

    // Each instance ticks once per interval, so each interval gets exactly one import while any instance runs.
    private DateTime EndOfInterval(DateTime nowUtc)
    {
        var ticks = schedule.Interval.Ticks;
        var elapsed = nowUtc.Ticks - DateTime.UnixEpoch.Ticks;
        return new DateTime(DateTime.UnixEpoch.Ticks + ((elapsed / ticks) + 1) * ticks, DateTimeKind.Utc);
    }
}
