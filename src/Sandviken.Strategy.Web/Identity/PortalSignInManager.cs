using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Sandviken.Strategy.Domain.Users;

namespace Sandviken.Strategy.Web.Identity;

/// <summary>
/// Gives every sign-in a new session identifier, and refuses sign-in for deactivated users. (An open session is cut by the new security stamp that deactivation
/// writes, and the domain services refuse an inactive user at once.)
/// </summary>
internal sealed class PortalSignInManager(
    UserManager<PortalUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<PortalUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<PortalUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<PortalUser> confirmation)
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
            [.. additionalClaims.Where(c => c.Type != SessionIdClaim), new Claim(SessionIdClaim, Guid.NewGuid().ToString("N"))]);
}
