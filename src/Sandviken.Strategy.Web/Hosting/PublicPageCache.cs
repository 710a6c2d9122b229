using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Primitives;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Planning;

namespace Sandviken.Strategy.Web.Hosting;

/// <summary>
/// The public pages and the CSV are served from an output cache to anonymous visitors (ADR 0026). An entry lives until
/// a committed write may change it (<see cref="PublicContentChangeInterceptor"/> evicts the tag), until the Stockholm
/// day changes (deadlines pass at midnight: the day is part of the key), or at most <c>PublicCache:MaxAgeMinutes</c>.
/// </summary>
internal static class PublicPageCache
{
    public const string PolicyName = "public";
    public const string Tag = "public";

    /// <summary>The only query keys that public pages read; any other key shares the entry, so it cannot fill the cache.</summary>
    private static readonly string[] QueryKeys = Components.Layout.PageAddress.QueryKeys;

    public static IServiceCollection AddPublicPageCache(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => PublicCacheOptions.From(sp.GetRequiredService<IConfiguration>()));
        services.AddOutputCache(options =>
        {
            options.AddPolicy(PolicyName, new PublicPagePolicy());
            // Slugs are matched exactly: /organisationer/Kunskapsnamnden is a 404, never the cached lower-case page.
            options.UseCaseSensitivePaths = true;
        });
        // With ConnectionStrings:Redis the store and the generation are shared by every instance (ADR 0038).
        services.AddSharedPublicCache(configuration);
        services.AddSingleton<IPublicContentListener, OutputCacheEviction>();

        services.AddResponseCompression(options =>
        {
            // Only anonymous public reads pass this middleware (below): they hold no token, so HTTPS is safe (BREACH).
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, "text/csv"];
        });
        // Entries are compressed once and then served many times: spend the time on the smaller size.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);

        // Blazor's static renderer writes every letter outside ASCII as an entity (V&#xE4;xa) unless told otherwise.
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.BasicLatin, UnicodeRanges.Latin1Supplement,
            UnicodeRanges.LatinExtendedA, UnicodeRanges.GeneralPunctuation));

        DecorateAntiforgery(services);
        return services;
    }

    /// <summary>Between authentication (the cache must know who is signed in) and the endpoints.</summary>
    public static WebApplication UsePublicPageCache(this WebApplication app)
    {
        app.UseOutputCache();
        // Inside the cache, so that entries are stored compressed, one per encoding. Only anonymous public reads are
        // compressed, over HTTP and HTTPS alike: every other page may carry an antiforgery token (BREACH).
        app.UseWhen(IsAnonymousPublicRead, branch => branch.UseResponseCompression());
        return app;
    }

    /// <summary>Builds the endpoint convention for minimal API endpoints such as the CSV.</summary>
    public static TBuilder CachePublicly<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new OutputCacheAttribute { PolicyName = PolicyName });

    /// <summary>
    /// The same cache for an endpoint that reads query keys of its own (the open data API's year, page, ...): the key
    /// varies by exactly these instead of the pages' ar and visa. Evicted by the same tag and generation.
    /// </summary>
    public static TBuilder CachePublicly<TBuilder>(this TBuilder builder, params string[] queryKeys)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new OutputCacheAttribute { PolicyName = PolicyName }, new PublicCacheQueryKeys(queryKeys));

    /// <summary>
    /// When public content last changed (the first start, or the latest committed public write; shared by all instances
    /// with Redis), in whole seconds: the open data API's Last-Modified. Each write moves it on by at least a second, so
    /// that If-Modified-Since never calls a changed answer unchanged.
    /// </summary>
    public static async ValueTask<DateTimeOffset> LastChangedAsync(HttpContext context) =>
        (await context.RequestServices.GetRequiredService<IPublicContentGeneration>().ReadAsync()).ChangedAt;

    /// <summary>An anonymous GET or HEAD of an endpoint that carries the public cache policy.</summary>
    public static bool IsAnonymousPublicRead(HttpContext context) =>
        (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        && context.User.Identity?.IsAuthenticated != true
        && !context.Request.Headers.ContainsKey("Authorization")
        && context.GetEndpoint()?.Metadata.GetMetadata<OutputCacheAttribute>()?.PolicyName == PolicyName;

    // Blazor stores an antiforgery cookie on every page it renders, and the output cache refuses any answer that sets a
    // cookie. Anonymous public pages hold no form, so they need a token only if one is asked for, never a cookie.
    private static void DecorateAntiforgery(IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(IAntiforgery));
        services.Remove(original);
        services.AddSingleton<IAntiforgery>(sp => new NoCookieOnPublicPages(
            (IAntiforgery)(original.ImplementationInstance
                ?? original.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, original.ImplementationType!))));
    }

    private sealed class NoCookieOnPublicPages(IAntiforgery inner) : IAntiforgery
    {
        public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext) =>
            IsAnonymousPublicRead(httpContext) ? inner.GetTokens(httpContext) : inner.GetAndStoreTokens(httpContext);

        public AntiforgeryTokenSet GetTokens(HttpContext httpContext) => inner.GetTokens(httpContext);

        public Task<bool> IsRequestValidAsync(HttpContext httpContext) => inner.IsRequestValidAsync(httpContext);

        public Task ValidateRequestAsync(HttpContext httpContext) => inner.ValidateRequestAsync(httpContext);

        public void SetCookieTokenAndHeader(HttpContext httpContext) => inner.SetCookieTokenAndHeader(httpContext);
    }

    private sealed class OutputCacheEviction(IOutputCacheStore store, IPublicContentGeneration generation) : IPublicContentListener
    {
        public async ValueTask PublicContentChangedAsync()
        {
            await generation.AdvanceAsync();
            await store.EvictByTagAsync(Tag, CancellationToken.None);
        }
    }

    private sealed class PublicPagePolicy : IOutputCachePolicy
    {
        public async ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var http = context.HttpContext;
            var options = http.RequestServices.GetRequiredService<PublicCacheOptions>();
            var attempt = options.Enabled && IsAnonymousPublicRead(http);
            context.EnableOutputCaching = attempt;
            context.AllowCacheLookup = attempt;
            context.AllowCacheStorage = attempt;
            context.AllowLocking = true;
            if (!attempt)
            {
                return;
            }

            var time = http.RequestServices.GetRequiredService<TimeProvider>();
            var today = PlanningCalendar.Today(time);
            // The pages read ar and visa; an API endpoint names its own keys (page 2 is not page 1).
            context.CacheVaryByRules.QueryKeys = new StringValues(
                http.GetEndpoint()?.Metadata.GetMetadata<PublicCacheQueryKeys>()?.Keys ?? QueryKeys);
            // What the page shows depends on the Stockholm date (a deadline passed, the current cycle), so the date is
            // part of the key: the first request of a new day renders afresh, whatever the store's own clock says.
            var generation = await http.RequestServices.GetRequiredService<IPublicContentGeneration>().ReadAsync();
            context.CacheVaryByRules.VaryByValues["generation"] = generation.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.CacheVaryByRules.VaryByValues["day"] = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            // One entry per encoding the compression middleware will choose for this request.
            context.CacheVaryByRules.VaryByValues["encoding"] =
                http.RequestServices.GetRequiredService<IResponseCompressionProvider>().GetCompressionProvider(http)?.EncodingName ?? "identity";
            context.Tags.Add(Tag);
            context.ResponseExpirationTimeSpan = TimeUntilTomorrow(time, today) is var untilTomorrow && untilTomorrow < options.MaxAge
                ? untilTomorrow
                : options.MaxAge;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var response = context.HttpContext.Response;
            // Only complete, ordinary pages; nothing that sets a cookie can be shared with other visitors.
            if (response.StatusCode != StatusCodes.Status200OK || !StringValues.IsNullOrEmpty(response.Headers.SetCookie))
            {
                context.AllowCacheStorage = false;
            }

            return ValueTask.CompletedTask;
        }

        private static TimeSpan TimeUntilTomorrow(TimeProvider time, DateOnly today)
        {
            var midnight = PlanningCalendar.StartOfDayUtc(today.AddDays(1));
            var left = midnight - time.GetUtcNow();
            return left > TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1);
        }
    }
}

/// <summary>The query keys an endpoint reads, for the cache key (<see cref="PublicPageCache.CachePublicly{TBuilder}(TBuilder, string[])"/>).</summary>
internal sealed record PublicCacheQueryKeys(string[] Keys);

/// <summary><c>PublicCache:Enabled</c> (default true) and <c>PublicCache:MaxAgeMinutes</c> (default 60).</summary>
internal sealed record PublicCacheOptions(bool Enabled, TimeSpan MaxAge)
{
    public static PublicCacheOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection("PublicCache");
        var minutes = section.GetValue<double?>("MaxAgeMinutes") is { } m && m > 0 ? m : 60;
        return new PublicCacheOptions(section.GetValue("Enabled", true), TimeSpan.FromMinutes(minutes));
    }
}
