using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Sandviken.Strategy.Web.Hosting;

/// <summary>
/// The answer over a budget: 429, Retry-After in seconds and a short static page in Swedish. It is written here and
/// not rendered through the layout, so that a refused request costs next to nothing and reads no database.
/// </summary>
internal static class TooManyRequestsPage
{
    private static readonly System.Text.Json.JsonSerializerOptions ProblemJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async ValueTask WriteAsync(OnRejectedContext rejected, CancellationToken cancellation)
    {
        var context = rejected.HttpContext;
        var budgets = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var seconds = RateLimits.RetryAfterSeconds(rejected.Lease, budgets);
        var signIn = context.Request.Path.Equals(RateLimits.SignInPath, StringComparison.OrdinalIgnoreCase);
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TooManyRequestsPage))
            .LogWarning("Rate limit reached: {Method} {Path} from {ClientAddress}, retry after {RetryAfterSeconds} s",
                context.Request.Method, signIn ? RateLimits.SignInPath : Truncate(context.Request.Path.Value), RateLimits.ClientAddress(context), seconds);

        // The status code pages would otherwise replace the page with "Sidan hittades inte".
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
        {
            statusPages.Enabled = false;
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = RateLimits.Seconds(seconds);
        response.Headers.CacheControl = "no-store";
        if (context.Request.Path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase))
        {
            // The hub's client reads no HTML.
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync($"För många anslutningar. Försök igen om {Wait(seconds)}.", cancellation);
            return;
        }

        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            // The open data API answers its clients in problem+json, also here (ADR 0035).
            response.ContentType = "application/problem+json; charset=utf-8";
            await response.WriteAsync(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["type"] = "https://tools.ietf.org/html/rfc6585#section-4",
                ["title"] = "För många förfrågningar",
                ["status"] = StatusCodes.Status429TooManyRequests,
                ["detail"] = $"Det har kommit för många förfrågningar från din adress på kort tid. Vänta {Wait(seconds)} och försök sedan igen.",
            }, ProblemJson), cancellation);
            return;
        }

        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync(Html(signIn, seconds), cancellation);
    }

    /// <summary>"45 sekunder", "1 minut", "15 minuter": whole minutes from a minute up, rounded up (61 s is 2 minutes).</summary>
    public static string Wait(int seconds) => seconds switch
    {
        <= 1 => "1 sekund",
        < 60 => string.Create(CultureInfo.InvariantCulture, $"{seconds} sekunder"),
        60 => "1 minut",
        _ => string.Create(CultureInfo.InvariantCulture, $"{(seconds + 59) / 60} minuter"),
    };

    private static string Html(bool signIn, int seconds)
    {
        var heading = signIn ? "För många inloggningsförsök" : "För många förfrågningar";
        var reason = signIn
            ? "Det har gjorts för många inloggningsförsök på kort tid, från din adress eller till kontot."
            : "Det har kommit för många förfrågningar från din adress på kort tid.";
        return $$"""
            <!DOCTYPE html>
            <html lang="sv">
            <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1.0" />
            <title>{{heading}} – Sandvikens kommun</title>
            <style>body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1c1c1c;margin:0;line-height:1.5}main{max-width:40rem;margin:3rem auto;padding:0 1rem}a{color:#00527a}</style>
            </head>
            <body>
            <main>
            <h1>{{heading}}</h1>
            <p>{{reason}} Vänta {{Wait(seconds)}} och försök sedan igen.</p>
            <p><a href="/">Till startsidan</a></p>
            </main>
            </body>
            </html>
            """;
    }

    // A path is the client's text: at most 200 characters and no control characters in the log.
    private static string Truncate(string? value) =>
        new([.. (value ?? "").Take(200).Select(c => char.IsControl(c) ? '?' : c)]);
}
