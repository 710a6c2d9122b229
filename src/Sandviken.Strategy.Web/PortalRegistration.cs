using Sandviken.Strategy.Domain.Areas;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Home;
using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Domain.Seeding;
using Sandviken.Strategy.Domain.Site;

namespace Sandviken.Strategy.Web;

/// <summary>The portal's own services: database, seed, feature readers and the health check.</summary>
internal static class PortalRegistration
{
    public static IServiceCollection AddStrategyPortal(this IServiceCollection services, string contentRootPath)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddStrategyDatabase(contentRootPath);
        services.AddSingleton(sp => SeedOptions.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<SeedLoader>();
        services.AddSingleton<DatabaseInitialiser>();

        services.AddSingleton<StartPageReader>();
        services.AddSingleton<AreaPageReader>();
        services.AddSingleton<OrganisationPageReader>();
        services.AddSingleton<SiteFactsReader>();

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    public static Task InitialiseDatabaseAsync(this IServiceProvider services, string contentRootPath) =>
        services.GetRequiredService<DatabaseInitialiser>().InitialiseAsync(contentRootPath);
}
