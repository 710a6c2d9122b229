using Sandviken.Strategy.Domain.Data;

namespace Sandviken.Strategy.Web.Api;

/// <summary>
/// An exception in an API endpoint is a problem+json answer, not the site's HTML error page: 503 with Retry-After when
/// the database is busy (ADR 0033), else 500. The exception is logged; its text never reaches the client.
/// </summary>
internal static class ApiErrors
{
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception exception) when (!context.HttpContext.RequestAborted.IsCancellationRequested && !context.HttpContext.Response.HasStarted)
        {
            var http = context.HttpContext;
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiErrors))
                .LogError(exception, "The open data API failed on {Path}", http.Request.Path.Value);
            if (DatabaseBusy.IsBusy(exception))
            {
                http.Response.Headers.RetryAfter = DatabaseBusy.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ApiProblem.Of(StatusCodes.Status503ServiceUnavailable, "Tjänsten är upptagen",
                    DatabaseBusy.Message);
            }

            return ApiProblem.Of(StatusCodes.Status500InternalServerError, "Ett fel inträffade",
                "Ett oväntat fel inträffade på servern. Försök igen senare.");
        }
    }
}
