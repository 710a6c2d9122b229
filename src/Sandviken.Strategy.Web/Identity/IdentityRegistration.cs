using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Users;

namespace Sandviken.Strategy.Web.Identity;

/// <summary>
/// Sign-in with ASP.NET Core Identity, accounts in the portal's own database. Passwords of at least 12
/// characters with no composition rules; five failed attempts lock the account for five minutes.
/// </summary>
internal static class IdentityRegistration
{
    public const string SignInPath = "/konto/logga-in";
    public const string SignOutPath = "/konto/logga-ut";
    public const string AccessDeniedPath = "/konto/ingen-behorighet";

    public static IServiceCollection AddPortalIdentity(this IServiceCollection services)
    {
        // Identity's stores want a scoped context; the feature services keep using the factory.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<StrategyDbContext>>().CreateDbContext());

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();

        services.AddIdentityCore<PortalUser>(options =>
            {
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<StrategyDbContext>()
            .AddUserManager<PortalUserManager>()
            .AddSignInManager<PortalSignInManager>()
            .AddErrorDescriber<SwedishIdentityErrorDescriber>()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "sandviken.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = SignInPath;
            options.LogoutPath = SignOutPath;
            // Signed in but without the role: say so, rather than show a sign-in form as if nothing had happened.
            options.AccessDeniedPath = AccessDeniedPath;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
        });

        // A deactivated user's cookie stops working within a minute (the domain services refuse at once).
        services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = TimeSpan.FromMinutes(1);
            // The validator rebuilds the principal from the database: keep the session's identifier across it.
            options.OnRefreshingPrincipal = context =>
            {
                if (context.CurrentPrincipal?.FindFirst(PortalSignInManager.SessionIdClaim) is { } session
                    && context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity)
                {
                    identity.AddClaim(new System.Security.Claims.Claim(session.Type, session.Value));
                }

                return Task.CompletedTask;
            };
        });

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();
        services.AddAuthorization();
        return services;
    }
}
