namespace Sandviken.Strategy.Web.OpenData;

/// <summary>
/// Open data may be read by any site's scripts: GET and HEAD from every origin, without credentials (so no cookie
/// of a signed-in user ever goes with such a request). Applied per endpoint with <c>RequireCors(PolicyName)</c>.
/// </summary>
internal static class OpenDataCors
{
    public const string PolicyName = "open-data";

    public static IServiceCollection AddOpenDataCors(this IServiceCollection services) =>
        services.AddCors(options => options.AddPolicy(PolicyName, policy => policy
            .AllowAnyOrigin()
            .WithMethods("GET", "HEAD")
            .WithHeaders("If-None-Match", "If-Modified-Since", "Accept")
            .WithExposedHeaders("ETag", "Last-Modified", "Link")));
}
