using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Logging;

namespace Sandviken.Strategy.Web.Identity;

/// <summary>How long a session lasts (configuration section <c>Sessions</c>, ADR 0031).</summary>
internal sealed class SessionOptions
{
    public const string Section = "Sessions";

    /// <summary>A session unused this long ends (the cookie's sliding expiry).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after its sign-in, however busy it is.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(8);
}

/// <summary>
/// Checked on every request that carries the sign-in cookie, before Identity's own (once a minute) validator:
/// the session must be younger than the absolute lifetime and not signed out (<see cref="EndedSessions"/>), and
/// the account must still be active with the security stamp the cookie was issued with. Sign-out (of a real
/// account), a password change, a new role or a deactivation renew the stamp, so a copy of the cookie stops
/// working at the next request. One small query per signed-in request.
/// </summary>
internal static class SessionLifetime
{
    /// <summary>When the session's sign-in happened (Unix seconds); set at every sign-in, never carried to another.</summary>
    public const string SignedInAtClaim = "sandviken:signed-in-at";

    public static Claim SignedInAt(DateTimeOffset at) =>
        new(SignedInAtClaim, at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64);

    /// <summary>The session's sign-in time, or null for a principal without one.</summary>
    public static DateTimeOffset? SignedInAtOf(ClaimsPrincipal? principal) =>
        principal?.FindFirst(SignedInAtClaim)?.Value is { } value && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    /// <summary>Whether the session has outlived the absolute lifetime (a session without a sign-in time has).</summary>
    public static bool IsTooOld(ClaimsPrincipal? principal, TimeProvider time, SessionOptions options) =>
        SignedInAtOf(principal) is not { } at || time.GetUtcNow() - at >= options.AbsoluteLifetime;

    /// <returns>False when the session was refused (the cookie is then removed).</returns>
    public static async Task<bool> ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var options = services.GetRequiredService<IOptions<SessionOptions>>().Value;
        var principal = context.Principal;
        var name = principal?.Identity?.Name;
        string? reason = null;
        if (IsTooOld(principal, services.GetRequiredService<TimeProvider>(), options))
        {
            reason = "session older than the absolute lifetime";
        }
        else if (services.GetRequiredService<EndedSessions>().HasEnded(principal?.FindFirstValue(PortalSignInManager.SessionIdClaim)))
        {
            reason = "session signed out";
        }
        else if (principal?.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            reason = "no user in the cookie";
        }
        else
        {
            var stampType = services.GetRequiredService<IOptions<Microsoft.AspNetCore.Identity.IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
            await using var db = await services.GetRequiredService<IDbContextFactory<StrategyDbContext>>().CreateDbContextAsync(context.HttpContext.RequestAborted);
            var account = await db.Users.AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new { u.SecurityStamp, u.IsActive })
                .SingleOrDefaultAsync(context.HttpContext.RequestAborted);
            if (account is null || !account.IsActive || account.SecurityStamp != principal.FindFirstValue(stampType))
            {
                reason = "session ended (signed out, new password or roles, or account deactivated)";
            }
        }

        if (reason is null)
        {
            return true;
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(context.Scheme.Name);
        SecurityEvents.Log(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SessionLifetime).FullName!), SecurityEvent.SessionRefused, name, reason);
        return false;
    }
}
