using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Sandviken.Strategy.Web.Hosting;

/// <summary>
/// What a public-sector site sends with every answer, and how it sits behind a reverse proxy that terminates TLS.
/// </summary>
internal static class HttpHardening
{
    public const string ReverseProxySection = "ReverseProxy";

    /// <summary>
    /// Security headers and cookie flags. Behind IIS or nginx the portal sees plain HTTP from the proxy. With
    /// <c>ReverseProxy:Enabled</c> it trusts the proxy's X-Forwarded-Proto and X-Forwarded-For, so that it knows the visitor used HTTPS (the cookies then get
    /// the Secure flag) and logs the visitor's address. Only the proxies listed in <c>ReverseProxy:KnownProxies</c>
    /// are trusted, besides the loopback addresses: anyone else could claim any address.
    /// </summary>
    public static IServiceCollection AddHttpHardening(this IServiceCollection services)
    {
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
        if (app.Configuration.GetSection(ReverseProxySection).GetValue("Enabled", false))
        {
            app.UseForwardedHeaders();
        }

        if (!app.Environment.IsDevelopment())
        {
            // Sent only over HTTPS: tells browsers to keep to HTTPS for this host.
            app.UseHsts();
        }

        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            // No other site may show the portal in a frame (clickjacking): nothing here is meant to be embedded.
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = "frame-ancestors 'none'";
            return next(context);
        });
        return app;
    }
}
