using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Sandviken.Strategy.Domain.Logging;
using Sandviken.Strategy.Domain.Mail;
using Sandviken.Strategy.Domain.Users;

namespace Sandviken.Strategy.Web.Identity.Oidc;

/// <summary>
/// The end of a sign-in at the provider. The handler has checked state, nonce, PKCE and the id token's signature,
/// issuer, audience and lifetime; here the subject is matched to an account and the portal's own cookie is issued
/// (the external cookie is never written). Every outcome is a security event (ADR 0031).
/// </summary>
internal static class OidcSignIn
{
    /// <summary>Marks a session that came from the provider: its sign-out also signs out there.</summary>
    public const string AuthenticationMethod = "oidc";

    /// <summary>The longest id token kept in the portal's cookie as the hint for sign-out at the provider.</summary>
    public const int MaxKeptIdTokenLength = 3000;

    public static async Task OnTicketReceivedAsync(TicketReceivedContext context)
    {
        var services = context.HttpContext.RequestServices;
        var settings = services.GetRequiredService<IOptions<OidcSettings>>().Value;
        var logger = Logger(context.HttpContext);
        var principal = context.Principal!;
        var subjectClaim = principal.FindFirst(settings.SubjectClaim);
        var email = principal.FindFirstValue(settings.EmailClaim);
        context.HandleResponse();
        if (subjectClaim is null || string.IsNullOrWhiteSpace(subjectClaim.Value))
        {
            SecurityEvents.Log(logger, SecurityEvent.SignInFailed, email, $"OpenID Connect: no '{settings.SubjectClaim}' claim in the id token");
            context.Response.Redirect(FailedUrl("saknar-id"));
            return;
        }

        var identity = new ExternalIdentity(
            subjectClaim.Issuer,
            subjectClaim.Value,
            email,
            principal.FindFirstValue(settings.NameClaim),
            [.. principal.FindAll(settings.GroupsClaim).Select(c => c.Value)]);
        var result = await services.GetRequiredService<ExternalAccountService>().SignInAsync(identity, settings.Mappings, context.HttpContext.RequestAborted);
        var detail = $"OpenID Connect {identity.Issuer} subject {identity.Subject}: {result.Outcome}";
        if (result.Outcome == ExternalSignInOutcome.Conflict)
        {
            SecurityEvents.Log(logger, SecurityEvent.SignInFailed, email, detail + " (the e-mail address belongs to another account)");
            context.Response.Redirect(FailedUrl("konflikt"));
            return;
        }

        var signInManager = services.GetRequiredService<SignInManager<PortalUser>>();
        var user = await signInManager.UserManager.FindByIdAsync(result.UserId!);
        if (user is null || !await signInManager.CanSignInAsync(user))
        {
            SecurityEvents.Log(logger, SecurityEvent.SignInFailed, result.UserName, detail + ", account deactivated");
            context.Response.Redirect(FailedUrl("inaktiverat"));
            return;
        }

        // The portal's own session (session id, sign-in time, security stamp: ADR 0031), holding the id token for sign-out.
        var properties = new AuthenticationProperties { IsPersistent = false };
        // Only a short id token is kept: one with hundreds of groups would make every request's cookie header outgrow a
        // proxy's limit (nginx: 8 KB a line). Without the hint the provider may ask which account to sign out.
        if (context.Properties?.GetTokenValue("id_token") is { Length: <= MaxKeptIdTokenLength } idToken)
        {
            properties.StoreTokens([new AuthenticationToken { Name = "id_token", Value = idToken }]);
        }

        await signInManager.SignInAsync(user, properties, AuthenticationMethod);
        SecurityEvents.Log(logger, SecurityEvent.SignIn, user.UserName, detail + (result.HasAccess ? "" : ", waiting for access"));
        if (result.Outcome == ExternalSignInOutcome.Created && !result.HasAccess && settings.Mappings.Count == 0)
        {
            TellAdministrators(services.GetRequiredService<AccessRequestMail>(), result.UserId!, logger);
        }
        context.Response.Redirect(result.HasAccess
            ? ReturnUrls.LocalOr(context.ReturnUri, "/arbetsyta")
            : OidcRegistration.AwaitingAccessPath);
    }

    // Not awaited: a mail server that does not answer must not hold the person's sign-in (MailKit waits up to two minutes).
    private static void TellAdministrators(AccessRequestMail notifier, string userId, ILogger logger) =>
        _ = Task.Run(async () =>
        {
            try
            {
                await notifier.NotifyAsync(userId);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The administrators could not be told that account {UserId} waits for access", userId);
            }
        });

    /// <summary>A tampered or replayed answer (state, nonce, code), an unreachable provider: refused, no session.</summary>
    public static Task OnRemoteFailureAsync(RemoteFailureContext context)
    {
        SecurityEvents.Log(Logger(context.HttpContext), SecurityEvent.SignInFailed, null,
            $"OpenID Connect answer refused: {context.Failure?.GetType().Name}: {context.Failure?.Message}");
        context.Response.Redirect(FailedUrl("avvisad"));
        context.HandleResponse();
        return Task.CompletedTask;
    }

    /// <summary>The person declined, or the provider refused them (error=access_denied).</summary>
    public static Task OnAccessDeniedAsync(AccessDeniedContext context)
    {
        SecurityEvents.Log(Logger(context.HttpContext), SecurityEvent.SignInFailed, null, "OpenID Connect: access_denied from the provider");
        context.Response.Redirect(FailedUrl("nekad"));
        context.HandleResponse();
        return Task.CompletedTask;
    }

    /// <summary>
    /// The provider's end-session address for a session that came from it, with the id token as hint and the
    /// portal's start page to come back to; null when the session is a password one or the provider has none.
    /// </summary>
    public static async Task<string?> EndSessionUrlAsync(HttpContext context, string? idToken)
    {
        var settings = context.RequestServices.GetRequiredService<IOptions<OidcSettings>>().Value;
        if (!settings.Enabled || context.User.FindFirstValue(ClaimTypes.AuthenticationMethod) != AuthenticationMethod && idToken is null)
        {
            return null;
        }

        var options = context.RequestServices.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OidcSettings.Scheme);
        OpenIdConnectConfiguration? configuration;
        try
        {
            configuration = options.ConfigurationManager is null ? null : await options.ConfigurationManager.GetConfigurationAsync(context.RequestAborted);
        }
        catch (InvalidOperationException e)
        {
            // The portal's session has ended already; an unreachable provider must not turn that into an error page.
            Logger(context).LogWarning(e, "Sign-out at the identity provider skipped: its configuration could not be read");
            return null;
        }

        if (string.IsNullOrEmpty(configuration?.EndSessionEndpoint))
        {
            return null;
        }

        var back = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/";
        var query = new Dictionary<string, string?> { ["post_logout_redirect_uri"] = back, ["client_id"] = options.ClientId };
        if (idToken is not null)
        {
            query["id_token_hint"] = idToken;
        }

        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(configuration.EndSessionEndpoint, query);
    }

    private static string FailedUrl(string reason) => $"{OidcRegistration.FailedPath}?orsak={reason}";

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OidcSignIn).FullName!);
}
