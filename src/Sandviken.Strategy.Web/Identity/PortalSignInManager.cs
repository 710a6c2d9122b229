using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Sandviken.Strategy.Domain.Users;

namespace Sandviken.Strategy.Web.Identity;

/// <summary>
/// Gives every sign-in a new session identifier and sign-in time, ends the session on the server at sign-out, and refuses sign-in for deactivated users. (An open session is cut by the new security stamp that deactivation
/// writes, and the domain services refuse an inactive user at once.)
/// </summary>
internal sealed class PortalSignInManager(
    UserManager<PortalUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<PortalUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<PortalUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<PortalUser> confirmation,
    TimeProvider time,
    EndedSessions endedSessions,
    ILogger<PortalSignInManager> securityLogger)
    : SignInManager<PortalUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>The claim that names one signed-in session; a new value at every sign-in, never carried over.</summary>
    public const string SessionIdClaim = "sandviken:session";

    public override async Task<bool> CanSignInAsync(PortalUser user) =>
        user.IsActive && await base.CanSignInAsync(user);

    // Every way in (password sign-in, the refresh after a password change) passes here: a fresh identifier each time,
    // so that no session identifier from before sign-in, or from another sign-in, is ever reused.
    public override Task SignInWithClaimsAsync(PortalUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims) =>
        base.SignInWithClaimsAsync(
            user,
            authenticationProperties,
            [
                .. additionalClaims.Where(c => c.Type is not SessionIdClaim and not SessionLifetime.SignedInAtClaim),
                new Claim(SessionIdClaim, Guid.NewGuid().ToString("N")),
                SessionLifetime.SignedInAt(time.GetUtcNow()),
            ]);

    /// <summary>
    /// Ends the session on the server too, so that a copy of the cookie taken before is refused at its next request
    /// (<see cref="SessionLifetime"/>): the session goes on the list of ended sessions and a real account gets a new
    /// security stamp, which ends its sessions on other devices as well. Logged as a security event.
    /// </summary>
    public override async Task SignOutAsync()
    {
        var principal = Context.User;
        if (principal.Identity?.IsAuthenticated == true && await UserManager.GetUserAsync(principal) is { } user)
        {
            if (principal.FindFirst(SessionIdClaim)?.Value is { } sessionId)
            {
                endedSessions.End(sessionId);
            }

            // The demo accounts are shared by everyone trying the portal, and their password is public anyway.
            if (!user.IsDemo)
            {
                await UserManager.UpdateSecurityStampAsync(user);
            }

            // Not Identity's own logger, whose category (Microsoft.AspNetCore.*) logs warnings only.
            Domain.Logging.SecurityEvents.Log(securityLogger, Domain.Logging.SecurityEvent.SignOut, user.UserName);
        }

        await base.SignOutAsync();
    }
}
