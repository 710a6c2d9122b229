using Microsoft.Extensions.Logging;

namespace Sandviken.Strategy.Domain.Logging;

/// <summary>The kinds of security event: each is logged once, as one structured entry (ADR 0031).</summary>
public enum SecurityEvent
{
    SignIn = 1,
    SignInFailed = 2,
    LockedOut = 3,
    Refused = 4,
    SignOut = 5,
    PasswordChanged = 6,
    CurrentPasswordWrong = 7,
    PasswordReset = 8,
    RoleChanged = 9,
    AccountCreated = 10,
    AccountDeactivated = 11,
    AccountActivated = 12,
    SessionRefused = 13,
}

/// <summary>
/// Writes a security event: EventId 9000 + the kind (named after it), a <c>SecurityEvent</c> property, the
/// account it concerns and a detail, both passed through <see cref="LogText.Safe"/>. The client's address comes
/// from the log context (the web host's ClientAddress property).
/// </summary>
public static class SecurityEvents
{
    public const int EventIdBase = 9000;

    public static EventId IdOf(SecurityEvent kind) => new(EventIdBase + (int)kind, kind.ToString());

    public static void Log(ILogger logger, SecurityEvent kind, string? user, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var level = kind is SecurityEvent.SignIn or SecurityEvent.SignOut or SecurityEvent.PasswordChanged ? LogLevel.Information : LogLevel.Warning;
        logger.Log(level, IdOf(kind), "Security event {SecurityEvent} for {User}: {Detail}", kind.ToString(), LogText.Safe(user), LogText.Safe(detail));
    }
}
