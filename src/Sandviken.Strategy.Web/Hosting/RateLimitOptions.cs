namespace Sandviken.Strategy.Web.Hosting;

/// <summary>
/// The request budgets of ADR 0030, from the configuration section <c>RateLimits</c>. Each is a fixed window:
/// at most <see cref="RateLimitWindow.PermitLimit"/> requests per <see cref="RateLimitWindow.WindowSeconds"/>.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Off only for a host that sits behind a proxy doing the same (the tests keep it on).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Sign-in posts from one client address, whatever the accounts: 20 a minute.</summary>
    public RateLimitWindow SignInPerAddress { get; set; } = new() { PermitLimit = 20, WindowSeconds = 60 };

    /// <summary>Sign-in posts for one account (the e-mail typed) from all addresses together: 30 a quarter of an hour.</summary>
    public RateLimitWindow SignInPerAccount { get; set; } = new() { PermitLimit = 30, WindowSeconds = 900 };

    /// <summary>
    /// Sign-in posts for one account from one address: 5 a quarter of an hour, Identity's five tries. One client alone
    /// can then cause at most one five-minute lockout a quarter of an hour (ADR 0030).
    /// </summary>
    public RateLimitWindow SignInPerAccountAndAddress { get; set; } = new() { PermitLimit = 5, WindowSeconds = 900 };

    /// <summary>Connections to the Blazor hub (its negotiate) from one address: 60 a minute.</summary>
    public RateLimitWindow HubNegotiatePerAddress { get; set; } = new() { PermitLimit = 60, WindowSeconds = 60 };

    /// <summary>
    /// Every other request (pages, CSV, assets) from one anonymous address, or from one signed-in user wherever they
    /// are: 600 a minute, ten a second on average, far above what a reader clicks.
    /// </summary>
    public RateLimitWindow PagesPerClient { get; set; } = new() { PermitLimit = 600, WindowSeconds = 60 };
}

/// <summary>At most <see cref="PermitLimit"/> requests in each window of <see cref="WindowSeconds"/> seconds.</summary>
public sealed class RateLimitWindow
{
    public int PermitLimit { get; set; }

    public int WindowSeconds { get; set; }

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);
}
