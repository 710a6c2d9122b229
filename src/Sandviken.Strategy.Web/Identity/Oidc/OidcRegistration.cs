using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Sandviken.Strategy.Domain.Users;

namespace Sandviken.Strategy.Web.Identity.Oidc;

/// <summary>
/// OpenID Connect sign-in (ADR 0040): authorisation code flow with PKCE, the subject matched to an account by
/// <see cref="ExternalAccountService"/>, and the portal's own cookie issued by Identity as for a password sign-in (so
/// sessions, security stamps and sign-out work the same). The handler's scheme exists only when
/// <c>Authentication:Oidc:Enabled</c> is true: it is added when the scheme list is first built, after all
/// configuration (including a test's) is read.
/// </summary>
internal static class OidcRegistration
{
    /// <summary>Starts the sign-in at the provider (a link on the sign-in page).</summary>
    public const string ChallengePath = "/konto/logga-in/extern";

    public const string AwaitingAccessPath = "/konto/vantar-pa-behorighet";

    public const string FailedPath = "/konto/inloggning-misslyckades";

    public static IServiceCollection AddPortalOidc(this IServiceCollection services)
    {
        services.AddOptions<OidcSettings>().BindConfiguration(OidcSettings.Section)
            .Validate(s => s.Problem() is null, "Authentication:Oidc is incomplete: Authority and ClientId are needed, and GroupMappings may only name the roles Administrator, Secretary, Official and Politician.")
            .ValidateOnStart();
        services.AddOptions<LocalAccountSettings>().BindConfiguration(LocalAccountSettings.Section);
        services.AddScoped<ExternalAccountService>();

        services.AddOptions<AuthenticationOptions>().Configure<IOptions<OidcSettings>>((auth, oidc) =>
        {
            if (oidc.Value.Enabled)
            {
                auth.AddScheme(OidcSettings.Scheme, scheme =>
                {
                    scheme.HandlerType = typeof(OpenIdConnectHandler);
                    scheme.DisplayName = oidc.Value.DisplayName;
                });
            }
        });
        services.TryAddTransient<OpenIdConnectHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OpenIdConnectOptions>, OpenIdConnectPostConfigureOptions>());
        services.AddOptions<OpenIdConnectOptions>(OidcSettings.Scheme).Configure<IOptions<OidcSettings>>((options, settings) => Configure(options, settings.Value));
        return services;
    }

    private static void Configure(OpenIdConnectOptions options, OidcSettings settings)
    {
        options.SignInScheme = IdentityConstants.ExternalScheme;
        options.Authority = settings.Authority;
        options.ClientId = settings.ClientId;
        options.ClientSecret = string.IsNullOrEmpty(settings.ClientSecret) ? null : settings.ClientSecret;
        options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.UsePkce = true;
        // The code comes back in the query of a top-level GET, so the correlation and nonce cookies can be SameSite=Lax
        // (a cross-site form post would need SameSite=None, which a browser drops without https).
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.NonceCookie.SameSite = SameSiteMode.Lax;
        options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        // The id token is kept (in the portal's cookie) for the hint at sign-out at the provider.
        options.SaveTokens = true;
        options.GetClaimsFromUserInfoEndpoint = false;
        // Claim names as the provider sends them (sub, oid, email, groups), not mapped to long WS-* URIs.
        options.MapInboundClaims = false;
        options.TokenValidationParameters.NameClaimType = settings.NameClaim;
        options.Scope.Clear();
        foreach (var scope in settings.EffectiveScopes)
        {
            options.Scope.Add(scope);
        }

        options.Events.OnTicketReceived = OidcSignIn.OnTicketReceivedAsync;
        options.Events.OnRemoteFailure = OidcSignIn.OnRemoteFailureAsync;
        options.Events.OnAccessDenied = OidcSignIn.OnAccessDeniedAsync;
    }

    /// <summary>The link on the sign-in page: a challenge of the provider's scheme, back to a local page.</summary>
    public static IEndpointRouteBuilder MapPortalOidc(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ChallengePath, (HttpContext context, IOptions<OidcSettings> settings, string? returnUrl) =>
            settings.Value.Enabled
                ? Results.Challenge(
                    new AuthenticationProperties { RedirectUri = ReturnUrls.LocalOr(returnUrl, "/arbetsyta") },
                    [OidcSettings.Scheme])
                : Results.NotFound());
        return endpoints;
    }
}
