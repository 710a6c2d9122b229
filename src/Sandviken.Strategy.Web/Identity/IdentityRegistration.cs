using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Users;

namespace Sandviken.Strategy.Web.Identity;

/// <summary>
/// Sign-in with ASP.NET Core Identity, accounts in the portal's own database. Passwords of at least 12
/// characters with no composition rules; five failed attempts lock the account for five minutes. A session ends
/// at sign-out (for every copy of its cookie), after <see cref="SessionOptions.IdleTimeout"/> unused and
/// <see cref="SessionOptions.AbsoluteLifetime"/> after its sign-in (ADR 0031).
/// </summary>
internal static class IdentityRegistration
{
    public const string SignInPath = "/konto/logga-in";
    public const string SignOutPath = "/konto/logga-ut";
    public const string AccessDeniedPath = "/konto/ingen-behorighet";

    /// <summary>The same on every instance: it isolates the key ring's purposes from other applications.</summary>
    public const string DataProtectionApplicationName = "Sandviken.Strategy";

    public static IServiceCollection AddPortalIdentity(this IServiceCollection services)
    {
        // Identity's stores want a scoped context; the feature services keep using the factory.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<StrategyDbContext>>().CreateDbContext());

        // The keys that protect cookies and antiforgery tokens live in the database: they survive a restart, and a cookie
        // issued by one instance behind a load balancer is read by every other (ADR 0038).
        services.AddDataProtection()
            .SetApplicationName(DataProtectionApplicationName)
            .PersistKeysToDbContext<StrategyDbContext>();

        // Account changes (new account, roles, deactivation, passwords) are logged as security events from their
        // audit entries, whichever service or page saves them (ADR 0031).
        services.AddSingleton<Domain.Logging.AccountEventInterceptor>();
        services.ConfigureDbContext<StrategyDbContext>((sp, builder) => builder.AddInterceptors(sp.GetRequiredService<Domain.Logging.AccountEventInterceptor>()));

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();

        // A typed password that cannot be hashed (half an emoji) is a wrong password, not an exception.
        services.AddScoped<IPasswordHasher<PortalUser>>(sp =>
            new WellFormedPasswordHasher(new PasswordHasher<PortalUser>(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<PasswordHasherOptions>>())));

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

        services.AddSingleton<EndedSessions>();
        services.AddOptions<SessionOptions>()
            .BindConfiguration(SessionOptions.Section)
            .Validate(o => o.IdleTimeout > TimeSpan.Zero && o.AbsoluteLifetime >= o.IdleTimeout, "Sessions: IdleTimeout must be positive and at most AbsoluteLifetime.")
            .ValidateOnStart();

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "sandviken.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = SignInPath;
            options.LogoutPath = SignOutPath;
            // Signed in but without the role: say so, rather than show a sign-in form as if nothing had happened.
            options.AccessDeniedPath = AccessDeniedPath;
            options.SlidingExpiration = true;

            // Every request: the absolute lifetime and the security stamp (ADR 0031); then Identity's own validator,
            // which rebuilds the principal (roles, name) once a minute.
            var identityValidator = options.Events.OnValidatePrincipal;
            options.Events.OnValidatePrincipal = async context =>
            {
                if (await SessionLifetime.ValidateAsync(context))
                {
                    await identityValidator(context);
                }
            };

            // A signed-in user sent away from a page their roles do not open: a refusal, logged as one.
            var redirectToAccessDenied = options.Events.OnRedirectToAccessDenied;
            options.Events.OnRedirectToAccessDenied = context =>
            {
                Domain.Logging.SecurityEvents.Log(
                    context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(IdentityRegistration).FullName!),
                    Domain.Logging.SecurityEvent.Refused,
                    context.HttpContext.User.Identity?.Name,
                    $"{context.Request.Method} {context.Request.Path}");
                return redirectToAccessDenied(context);
            };
        });
        // The idle timeout is the cookie's sliding expiry.
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<Microsoft.Extensions.Options.IOptions<SessionOptions>>((cookie, sessions) => cookie.ExpireTimeSpan = sessions.Value.IdleTimeout);

        // Identity's validator rebuilds the principal from the database once a minute; the session's own claims
        // (its identifier and sign-in time) are kept across it.
        services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = TimeSpan.FromMinutes(1);
            options.OnRefreshingPrincipal = context =>
            {
                if (context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity && context.CurrentPrincipal is { } current)
                {
                    // And how the session signed in (a provider's session also signs out there, ADR 0040).
                    foreach (var claim in current.Claims.Where(c => c.Type is PortalSignInManager.SessionIdClaim or SessionLifetime.SignedInAtClaim
                        || (c.Type == System.Security.Claims.ClaimTypes.AuthenticationMethod && !identity.HasClaim(n => n.Type == c.Type))))
                    {
                        identity.AddClaim(new System.Security.Claims.Claim(claim.Type, claim.Value, claim.ValueType));
                    }
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
