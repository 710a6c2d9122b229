using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sandviken.Strategy.OidcServer;

/// <summary>The person the server signs in at the next authorisation request: the test sets subject, e-mail and groups.</summary>
public sealed record TestUser(string Subject, string? Email, string? Name, IReadOnlyList<string> Groups);

/// <summary>
/// A real OpenID Connect provider (OpenIddict 7, authorisation code flow with PKCE required, signed id tokens,
/// discovery, end session) on Kestrel on a loopback port. It has no login form: every authorisation request signs in
/// <see cref="User"/> at once, so that a browser test goes through the whole protocol without typing. One client,
/// with a secret; redirect and post-logout addresses must be on loopback. Runs without a database (OpenIddict's
/// degraded mode: codes are self-contained and encrypted), so the client checks are the handlers below.
/// </summary>
public sealed class OidcTestServer : IAsyncDisposable
{
    public const string ClientId = "sandviken-portal";
    public const string ClientSecret = "test-secret-for-the-portal";

    private readonly WebApplication app;

    private OidcTestServer(WebApplication app, Uri issuer)
    {
        this.app = app;
        Issuer = issuer;
    }

    /// <summary>The issuer and authority, with a trailing slash (for example http://127.0.0.1:41234/).</summary>
    public Uri Issuer { get; }

    /// <summary>Signed in at the next authorisation request; null answers access_denied.</summary>
    public TestUser? User { get; set; }

    /// <summary>Every end-session request that reached the server, with its id_token_hint (or null).</summary>
    public ConcurrentQueue<string?> EndSessionHints { get; } = new();

    /// <summary>Every token request the server accepted.</summary>
    public int TokensIssued => tokensIssued;

    private int tokensIssued;

    public static async Task<OidcTestServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        OidcTestServer? server = null;
        builder.Services.AddAuthentication();
        builder.Services.AddOpenIddict().AddServer(options =>
        {
            options.SetAuthorizationEndpointUris("connect/authorize")
                .SetTokenEndpointUris("connect/token")
                .SetEndSessionEndpointUris("connect/endsession");
            options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            options.RegisterScopes(Scopes.OpenId, Scopes.Email, Scopes.Profile);
            options.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            options.EnableDegradedMode();
            options.UseAspNetCore()
                .DisableTransportSecurityRequirement()
                .EnableAuthorizationEndpointPassthrough()
                .EnableEndSessionEndpointPassthrough();

            // Without a database, the client is checked here: its id and a loopback redirect address ...
            options.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client.");
                }
                else if (!IsLoopback(context.RedirectUri))
                {
                    context.Reject(Errors.InvalidRequest, "The redirect address must be on loopback.");
                }

                return default;
            }));
            // ... its secret at the token endpoint ...
            options.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.ClientSecret != ClientSecret)
                {
                    context.Reject(Errors.InvalidClient, "Wrong client or secret.");
                }
                else
                {
                    Interlocked.Increment(ref server!.tokensIssued);
                }

                return default;
            }));
            // ... and where sign-out may send the browser back to.
            options.AddEventHandler<ValidateEndSessionRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.PostLogoutRedirectUri is { } back && !IsLoopback(back))
                {
                    context.Reject(Errors.InvalidRequest, "The post-logout address must be on loopback.");
                }

                return default;
            }));
        });

        var app = builder.Build();
        app.MapMethods("connect/authorize", [HttpMethods.Get, HttpMethods.Post], (HttpContext context) =>
        {
            var request = context.GetOpenIddictServerRequest()!;
            if (server!.User is not { } user)
            {
                return Results.Forbid(
                    new AuthenticationProperties(new Dictionary<string, string?> { [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.AccessDenied }),
                    [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }

            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.AddClaim(new Claim(Claims.Subject, user.Subject));
            if (user.Email is not null)
            {
                identity.AddClaim(new Claim(Claims.Email, user.Email));
            }

            if (user.Name is not null)
            {
                identity.AddClaim(new Claim(Claims.Name, user.Name));
            }

            foreach (var group in user.Groups)
            {
                identity.AddClaim(new Claim("groups", group));
            }

            identity.SetScopes(request.GetScopes());
            // Everything in the id token, as Entra ID puts groups there.
            identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        app.MapMethods("connect/endsession", [HttpMethods.Get, HttpMethods.Post], (HttpContext context) =>
        {
            server!.EndSessionHints.Enqueue(context.GetOpenIddictServerRequest()?.IdTokenHint);
            // Back to the client's post-logout address.
            return Results.SignOut(new AuthenticationProperties(), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server = new OidcTestServer(app, new Uri(address.TrimEnd('/') + "/"));
        return server;
    }

    private static bool IsLoopback(string? address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.IsLoopback && uri.Scheme == Uri.UriSchemeHttp;

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
