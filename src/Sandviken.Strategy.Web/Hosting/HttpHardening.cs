using System.Net;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Sandviken.Strategy.Web.Hosting;

/// <summary>
/// What a public-sector site sends with every answer, and how it sits behind a reverse proxy that terminates TLS.
/// </summary>
internal static class HttpHardening
{
    public const string ReverseProxySection = "ReverseProxy";

    /// <summary>
    /// Security headers (on every answer, errors included; no Server header) and cookie flags. Behind IIS or nginx the portal sees plain HTTP from the proxy. With
    /// <c>ReverseProxy:Enabled</c> it trusts the proxy's X-Forwarded-Proto and X-Forwarded-For, so that it knows the visitor used HTTPS (the cookies then get
    /// the Secure flag) and logs the visitor's address. Only the proxies listed in <c>ReverseProxy:KnownProxies</c>
    /// are trusted, besides the loopback addresses: anyone else could claim any address.
    /// </summary>
    public static IServiceCollection AddHttpHardening(this IServiceCollection services)
    {
        // No "Server: Kestrel" header: it only tells a scanner what to try.
        services.Configure<KestrelServerOptions>(options => options.AddServerHeader = false);
        services.AddHttpContextAccessor();
        services.AddScoped<CircuitHandler, ClientAddressCircuitHandler>();

        services.AddAntiforgery(options =>
        {
            // The middleware below sends X-Frame-Options on every answer, not only on pages with forms.
            options.SuppressXFrameOptionsHeader = true;
            // Secure whenever the visitor uses HTTPS (antiforgery's own default never sets the flag).
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        // Read when first needed, so that configuration added late (tests, other hosts) counts too.
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in configuration.GetSection($"{ReverseProxySection}:KnownProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(IPAddress.TryParse(proxy.Trim(), out var address)
                    ? address
                    : throw new InvalidOperationException($"ReverseProxy:KnownProxies holds '{proxy}', which is not an IP address."));
            }
        });
        return services;
    }

    public static WebApplication UseHttpHardening(this WebApplication app)
    {
        // First of all, and set as the answer starts: the exception handler clears the headers of a failed answer
        // before writing the error page, and the status-code pages re-execute the pipeline, but the callback
        // registered here still runs for both, so a 500 and a 404 page carry the headers as every other answer.
        var hsts = app.Environment.IsDevelopment() ? null : app.Services.GetRequiredService<IOptions<HstsOptions>>().Value;
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                AddSecurityHeaders(context, hsts);
                return Task.CompletedTask;
            });
            return next(context);
        });

        if (app.Configuration.GetSection(ReverseProxySection).GetValue("Enabled", false))
        {
            app.UseForwardedHeaders();
        }

        // After the proxy's X-Forwarded-For is read: every log entry of the request names the visitor.
        app.UseClientAddressInLogs();
        return app;
    }

    private static void AddSecurityHeaders(HttpContext context, HstsOptions? hsts)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        // No other site may show the portal in a frame (clickjacking): nothing here is meant to be embedded.
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = "frame-ancestors 'none'";

        // HSTS as ASP.NET Core's UseHsts sends it (outside Development, over HTTPS only, not for localhost), but here,
        // so that error answers carry it too: tells browsers to keep to HTTPS for this host.
        if (hsts is not null && context.Request.IsHttps && !hsts.ExcludedHosts.Contains(context.Request.Host.Host, StringComparer.OrdinalIgnoreCase))
        {
            var value = $"max-age={(long)hsts.MaxAge.TotalSeconds}";
            value += hsts.IncludeSubDomains ? "; includeSubDomains" : "";
            value += hsts.Preload ? "; preload" : "";
            headers.StrictTransportSecurity = value;
        }
    }
}
