using Sandviken.Strategy.Domain.Access;
using Sandviken.Strategy.Domain.Administration;
using Sandviken.Strategy.Domain.Areas;
using Sandviken.Strategy.Domain.Dashboard;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.FollowUps;
using Sandviken.Strategy.Domain.Plans;
using Sandviken.Strategy.Domain.Workspace;
using Sandviken.Strategy.Web.Identity;
using Sandviken.Strategy.Web.Kolada;
using Sandviken.Strategy.Web.Reminders;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Home;
using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Domain.Seeding;
using Sandviken.Strategy.Domain.Site;
using Sandviken.Strategy.Domain.Users;

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
        services.AddSingleton(sp => OpenData.OpenDataOptions.From(sp.GetRequiredService<IConfiguration>()));

        // One reader per public page (ADR 0027), sharing one cache of parsed plan versions.
        services.AddSingleton<PlanSnapshotCache>();
        services.AddSingleton<StartPageReader>();
        services.AddSingleton<AreaPageReader>();
        services.AddSingleton<OrganisationListReader>();
        services.AddSingleton<OrganisationPageReader>();
        services.AddSingleton<PlanPageReader>();
        services.AddSingleton<DashboardReader>();
        services.AddSingleton<SiteFactsReader>();

        services.AddPortalIdentity();
        Identity.Oidc.OidcRegistration.AddPortalOidc(services);
        services.AddScoped<AccountSeeder>();
        services.AddSingleton<ActorLoader>();
        services.AddTransient<Components.Forms.FormRunner>();
        services.AddSingleton<PlanEditingService>();
        services.AddSingleton<DecisionService>();
        services.AddSingleton<WorkspaceReader>();
        services.AddSingleton<Domain.Documents.PlanDocumentReader>();
        services.AddSingleton<FollowUpService>();
        services.AddScoped<OrganisationAdminService>();
        services.AddScoped<UserAdminService>();
        services.AddScoped<PasswordService>();
        services.AddScoped<PlanningAdminService>();

        services.AddKolada();
        services.AddReminders();

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    public static async Task InitialiseDatabaseAsync(this IServiceProvider services, string contentRootPath)
    {
        await services.GetRequiredService<DatabaseInitialiser>().InitialiseAsync(contentRootPath);
        // Makes the first Data Protection key now, if the database has none: an instance started after this one is
        // healthy then reads the same key instead of making its own (ADR 0038).
        services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>()
            .CreateProtector("Sandviken.Strategy.Startup").Protect([1]);
        // The layout's facts change only with the seed: read them once, now that it is loaded.
        await services.GetRequiredService<SiteFactsReader>().LoadAsync();
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AccountSeeder>().SeedAsync();
    }
}
