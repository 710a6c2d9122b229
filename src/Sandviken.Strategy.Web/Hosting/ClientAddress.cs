using Microsoft.AspNetCore.Components.Server.Circuits;
using Serilog.Context;

namespace Sandviken.Strategy.Web.Hosting;

/// <summary>
/// The client's address (after a trusted proxy's X-Forwarded-For, see <see cref="HttpHardening"/>) on every log
/// entry written while a request or a circuit's event is handled, as the property <c>ClientAddress</c>: request
/// logs and security events carry it (ADR 0031).
/// </summary>
internal static class ClientAddress
{
    public const string Property = "ClientAddress";

    public static string Of(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public static IApplicationBuilder UseClientAddressInLogs(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            using (LogContext.PushProperty(Property, Of(context)))
            {
                await next(context);
            }
        });
}

/// <summary>
/// The same for what an interactive circuit does (a role change in the administration, a refusal): its events run
/// outside any request, so the address of the request that opened the circuit is pushed for each of them.
/// </summary>
internal sealed class ClientAddressCircuitHandler(IHttpContextAccessor accessor) : CircuitHandler
{
    private readonly string address = accessor.HttpContext is { } context ? ClientAddress.Of(context) : "unknown";

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async activity =>
        {
            using (LogContext.PushProperty(ClientAddress.Property, address))
            {
                await next(activity);
            }
        };
}
