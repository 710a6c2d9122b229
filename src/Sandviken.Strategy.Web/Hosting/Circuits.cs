using System.Security.Claims;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Sandviken.Strategy.Web.Hosting;

/// <summary>
/// Interactive circuits for signed-in users only, and a bounded number of them (ADR 0030): the Blazor hub refuses a
/// request without a valid sign-in, one user holds at most <see cref="CircuitLimitOptions.MaxPerUser"/> hub connections,
/// and the circuits kept after a lost connection are bounded in number and time.
/// </summary>
internal static class Circuits
{
    public const string HubPath = "/_blazor";

    /// <summary>The hub's options and filter, on the builder that <c>AddInteractiveServerComponents</c> returns.</summary>
    public static IServerSideBlazorBuilder AddPortalCircuitLimits(this IServerSideBlazorBuilder blazor)
    {
        var services = blazor.Services;
        services.AddOptions<CircuitLimitOptions>().BindConfiguration(CircuitLimitOptions.Section);
        services.AddSingleton<HubConnectionsPerUser>();
        services.AddSingleton<HubConnectionCap>();
        services.AddOptions<CircuitOptions>().Configure<IOptions<CircuitLimitOptions>>((options, limits) =>
        {
            options.DisconnectedCircuitMaxRetained = limits.Value.DisconnectedCircuitMaxRetained;
            options.DisconnectedCircuitRetentionPeriod = TimeSpan.FromSeconds(limits.Value.DisconnectedCircuitRetentionSeconds);
            options.PersistedCircuitInMemoryMaxRetained = limits.Value.PersistedCircuitMaxRetained;
        });
        blazor.AddHubOptions(options =>
        {
            // SignalR's own default, stated: no message from a browser is larger (uploads arrive as streams of chunks).
            options.MaximumReceiveMessageSize = 32 * 1024;
            options.MaximumParallelInvocationsPerClient = 1;
            options.AddFilter<HubConnectionCap>();
        });
        return blazor;
    }

    /// <summary>
    /// In front of the hub, after authentication: negotiate, connect (WebSockets, server-sent events, long polling),
    /// disconnect and initializers all answer 401 without a valid sign-in. The public pages are static and need no circuit.
    /// </summary>
    public static WebApplication UseSignedInCircuitsOnly(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments(HubPath, StringComparison.OrdinalIgnoreCase)
                || context.User.Identity?.IsAuthenticated == true)
            {
                return next(context);
            }

            // Written here, so that the status code pages do not turn it into "Sidan hittades inte".
            if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } statusPages)
            {
                statusPages.Enabled = false;
            }

            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return app;
    }

    /// <summary>The key one user's connections are counted under: the account's id, never the changeable e-mail.</summary>
    public static string? UserKey(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true ? user.FindFirst(ClaimTypes.NameIdentifier)?.Value : null;
}

/// <summary>
/// Counts each signed-in user's open hub connections. A connection carries at most one circuit (the hub refuses a
/// second), so this bounds the connected circuits; the ones kept after a lost connection are bounded by
/// <see cref="CircuitOptions.DisconnectedCircuitMaxRetained"/>. The count is taken when the connection opens, not
/// by a <c>CircuitHandler</c>: in a Blazor Web App a circuit gets its handlers only with its first components, so
/// a hand-written client's empty circuits would never be counted.
/// </summary>
internal sealed class HubConnectionsPerUser(IOptionsMonitor<CircuitLimitOptions> options)
{
    private readonly Dictionary<string, int> open = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public bool TryOpen(string user)
    {
        lock (gate)
        {
            var count = open.GetValueOrDefault(user);
            if (count >= options.CurrentValue.MaxPerUser)
            {
                return false;
            }

            open[user] = count + 1;
            return true;
        }
    }

    public void Close(string user)
    {
        lock (gate)
        {
            var count = open.GetValueOrDefault(user) - 1;
            if (count > 0)
            {
                open[user] = count;
            }
            else
            {
                open.Remove(user);
            }
        }
    }

    public int OpenFor(string user)
    {
        lock (gate)
        {
            return open.GetValueOrDefault(user);
        }
    }
}

/// <summary>The hub filter that refuses a connection beyond the cap (the client gets SignalR's close message) or without a user.</summary>
internal sealed class HubConnectionCap(HubConnectionsPerUser connections, ILogger<HubConnectionCap> logger) : IHubFilter
{
    private const string CountedUser = "sandviken:counted-user";

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var user = Circuits.UserKey(context.Context.User)
            ?? throw new HubException("Logga in för att använda arbetsytan.");
        if (!connections.TryOpen(user))
        {
            logger.LogWarning("Hub connection refused: user {UserId} already holds the most connections allowed", user);
            throw new HubException("Du har för många flikar med arbetsytan öppna. Stäng någon och ladda om sidan.");
        }

        context.Context.Items[CountedUser] = user;
        try
        {
            await next(context);
        }
        catch
        {
            context.Context.Items.Remove(CountedUser);
            connections.Close(user);
            throw;
        }
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            await next(context, exception);
        }
        finally
        {
            if (context.Context.Items.Remove(CountedUser, out var user) && user is string key)
            {
                connections.Close(key);
            }
        }
    }
}
