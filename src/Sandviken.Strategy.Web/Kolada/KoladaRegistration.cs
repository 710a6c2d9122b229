using System.Globalization;
using Sandviken.Strategy.Domain.Access;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Kolada;

namespace Sandviken.Strategy.Web.Kolada;

/// <summary>
/// The "Kolada" section: BaseAddress, TimeoutSeconds, MunicipalityId, MaxRowsPerImport, and Schedule:Enabled /
/// Schedule:IntervalHours (default 24) or Schedule:IntervalMinutes (finer, wins when both are set).
/// </summary>
internal sealed record KoladaSchedule(bool Enabled, TimeSpan Interval);

internal static class KoladaRegistration
{
    public static IServiceCollection AddKolada(this IServiceCollection services)
    {
        services.AddSingleton(sp => ReadOptions(sp.GetRequiredService<IConfiguration>()));
        services.AddHttpClient<KoladaClient>((sp, http) => KoladaClient.Configure(http, sp.GetRequiredService<KoladaOptions>()));
        services.AddSingleton(sp => new KoladaImporter(
            sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<StrategyDbContext>>(),
            sp.GetRequiredService<ActorLoader>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<KoladaOptions>(),
            () => sp.GetRequiredService<KoladaClient>()));
        services.AddSingleton(sp => ReadSchedule(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<DatabaseLeases>();
        services.AddHostedService<KoladaScheduledImport>();
        return services;
    }

    private static KoladaOptions ReadOptions(IConfiguration configuration)
    {
        var section = configuration.GetSection(KoladaOptions.SectionName);
        var options = new KoladaOptions();
        if (section["BaseAddress"] is { Length: > 0 } address)
        {
            options.BaseAddress = new Uri(address, UriKind.Absolute);
        }

        if (int.TryParse(section["TimeoutSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            options.Timeout = TimeSpan.FromSeconds(seconds);
        }

        if (int.TryParse(section["MaxRowsPerImport"], NumberStyles.None, CultureInfo.InvariantCulture, out var rows) && rows > 0)
        {
            options.MaxRowsPerImport = rows;
        }

        if (section["MunicipalityId"] is { Length: > 0 } municipality)
        {
            options.MunicipalityId = municipality;
        }

        return options;
    }

    private static KoladaSchedule ReadSchedule(IConfiguration configuration)
    {
        var section = configuration.GetSection($"{KoladaOptions.SectionName}:Schedule");
        var enabled = bool.TryParse(section["Enabled"], out var on) && on;
        if (double.TryParse(section["IntervalMinutes"], NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && m > 0)
        {
            return new KoladaSchedule(enabled, TimeSpan.FromMinutes(m));
        }

        var hours = double.TryParse(section["IntervalHours"], NumberStyles.Float, CultureInfo.InvariantCulture, out var h) && h > 0 ? h : 24;
        return new KoladaSchedule(enabled, TimeSpan.FromHours(hours));
    }
}
