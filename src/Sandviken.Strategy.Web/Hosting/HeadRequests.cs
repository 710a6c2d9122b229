namespace Sandviken.Strategy.Web.Hosting;

/// <summary>
/// Razor component endpoints answer GET and POST only, so a HEAD request (link checkers, monitoring) got 405. A HEAD
/// is routed as the GET it stands for; Kestrel still sends no body, because it decides that from the request line.
/// </summary>
internal static class HeadRequests
{
    /// <summary>Before routing, so that the GET endpoint (and its cache entry) is found.</summary>
    public static WebApplication UseHeadAsGet(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (HttpMethods.IsHead(context.Request.Method))
            {
                context.Request.Method = HttpMethods.Get;
                // Whatever the server, no body goes out for a HEAD.
                context.Response.Body = Stream.Null;
            }

            return next(context);
        });
        app.UseRouting();
        return app;
    }
}
