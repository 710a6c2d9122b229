using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Sandviken.Strategy.Web.Hosting;

/// <summary>
/// ASP.NET Core's rate limiter with the budgets of <see cref="RateLimitOptions"/> (ADR 0030): sign-in per address,
/// per account and per account and address; the Blazor hub's negotiate per address; everything else per anonymous
/// address or per signed-in user. Over a budget the answer is 429 with Retry-After and a short Swedish page.
/// </summary>
internal static class RateLimits
{
    public const string SignInPath = "/konto/logga-in";
    public const string NegotiatePath = "/_blazor/negotiate";

    /// <summary>The sign-in form's e-mail field, as Blazor names it.</summary>
    public const string EmailField = "Input.Email";

    private const string AccountKey = "sandviken:rate-limit-account";

    // Identity keeps e-mail addresses to 256 characters: a longer one is no account, and no key needs more.
    private const int MaxAccountKeyLength = 256;

    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section);
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((options, limits) =>
        {
            var budgets = limits.Value;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, cancellation) => TooManyRequestsPage.WriteAsync(context, cancellation);
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                Limiter(budgets.SignInPerAddress, c => IsSignIn(c) ? "address:" + ClientAddress(c) : null),
                Limiter(budgets.SignInPerAccountAndAddress, c => IsSignIn(c) ? $"pair:{ClientAddress(c)}|{Account(c)}" : null),
                Limiter(budgets.SignInPerAccount, c => IsSignIn(c) ? "account:" + Account(c) : null),
                Limiter(budgets.HubNegotiatePerAddress, c => IsNegotiate(c) ? "address:" + ClientAddress(c) : null),
                Limiter(budgets.PagesPerClient, PageClient));
        });
        return services;
    }

    /// <summary>After authentication (signed-in users have their own page budget), before the hub and the pages.</summary>
    public static WebApplication UsePortalRateLimits(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<RateLimitOptions>>().Value.Enabled)
        {
            return app;
        }

        // Behind a proxy that is not trusted, every visitor has the proxy's address and shares its budgets: say so once.
        var proxyTrusted = app.Configuration.GetSection(HttpHardening.ReverseProxySection).GetValue("Enabled", false);
        var warned = 0;

        // The per-account limits need the e-mail typed, which is in the form body: the limiter's partition key is read
        // synchronously, so the form is read here first (Blazor then finds it already read).
        app.Use(async (context, next) =>
        {
            if (!proxyTrusted && context.Request.Headers.ContainsKey("X-Forwarded-For") && Interlocked.Exchange(ref warned, 1) == 0)
            {
                app.Logger.LogWarning(
                    "A request came with X-Forwarded-For, which is not trusted: all clients behind that proxy share one address and its rate limits. " +
                    "Behind a reverse proxy set ReverseProxy:Enabled=true (and ReverseProxy:KnownProxies unless it is on this machine)");
            }

            if (IsSignIn(context) && context.Request.HasFormContentType)
            {
                try
                {
                    var form = await context.Request.ReadFormAsync(context.RequestAborted);
                    context.Items[AccountKey] = NormaliseAccount(form[EmailField].ToString());
                }
                catch (InvalidDataException)
                {
                    // A malformed or oversized form: no account to count; the form handling answers it.
                }
            }

            await next(context);
        });
        app.UseRateLimiter();
        return app;
    }

    /// <summary>The account key of an e-mail as typed: trimmed, upper case (as Identity normalises), at most 256 characters.</summary>
    public static string NormaliseAccount(string email)
    {
        var key = email.Trim().ToUpperInvariant();
        return key.Length > MaxAccountKeyLength ? key[..MaxAccountKeyLength] : key;
    }

    /// <summary>
    /// The client's address as the limits see it (after a trusted proxy's X-Forwarded-For): IPv4 as it is, IPv6 by its
    /// /64 network, since one connection to the internet usually holds a whole /64.
    /// </summary>
    public static string ClientAddress(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }

        return address.ToString();
    }

    private static PartitionedRateLimiter<HttpContext> Limiter(RateLimitWindow budget, Func<HttpContext, string?> key) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context => key(context) is { } partition
            ? RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = budget.PermitLimit,
                Window = budget.Window,
                QueueLimit = 0,
                AutoReplenishment = true,
            })
            : RateLimitPartition.GetNoLimiter(""));

    private static bool IsSignIn(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals(SignInPath, StringComparison.OrdinalIgnoreCase);

    // A new connection: negotiate, or a WebSocket opened without negotiating (no connection id), which SignalR allows.
    private static bool IsNegotiate(HttpContext context) =>
        context.Request.Path.Equals(NegotiatePath, StringComparison.OrdinalIgnoreCase)
        || (context.Request.Path.Equals(Circuits.HubPath, StringComparison.OrdinalIgnoreCase) && !context.Request.Query.ContainsKey("id"));

    private static string Account(HttpContext context) =>
        context.Items.TryGetValue(AccountKey, out var account) && account is string key ? key : "";

    // Pages, the CSV and assets. The hub has its own budget (negotiate) and its connections are long-lived; /health is
    // for the monitoring; an error or status page re-executed for an answer already counted is not counted again.
    private static string? PageClient(HttpContext context)
    {
        if (IsSignIn(context) || context.Request.Path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase)
            || context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
            || context.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || context.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            return null;
        }

        // Signed-in staff share the municipality's few addresses: each of them has a budget of their own.
        return context.User.Identity?.IsAuthenticated == true && context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier) is { } id
            ? "user:" + id.Value
            : "address:" + ClientAddress(context);
    }

    /// <summary>Seconds to wait, from the refused lease or else the shortest window; at least one.</summary>
    public static int RetryAfterSeconds(RateLimitLease lease, RateLimitOptions budgets) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : Math.Max(1, budgets.SignInPerAddress.WindowSeconds);

    internal static string Seconds(int seconds) => seconds.ToString(CultureInfo.InvariantCulture);
}
