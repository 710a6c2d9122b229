using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Sandviken.Strategy.Web.Hosting;

namespace Sandviken.Strategy.Web.Api;

/// <summary>
/// Every successful API answer: the body is written to bytes first, so that its ETag is the hash of what is sent
/// (weak, since compression may change the bytes on the wire), with Last-Modified from the public cache's clock and a
/// 304 for a matching If-None-Match (or, without one, an If-Modified-Since not older than Last-Modified).
/// </summary>
internal sealed class ApiAnswer(byte[] body, string contentType, string? downloadName = null) : IResult
{
    public static ApiAnswer Json<T>(HttpContext context, T value)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return new ApiAnswer(JsonSerializer.SerializeToUtf8Bytes(value, options), "application/json; charset=utf-8");
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\"", isWeak: true);
        var lastModified = await PublicPageCache.LastChangedAsync(httpContext);
        var headers = response.GetTypedHeaders();
        headers.ETag = etag;
        headers.LastModified = lastModified;
        // Anyone may keep a copy, but must ask again (with the ETag) before using it: the data changes with each decision.
        response.Headers.CacheControl = "public, no-cache";

        if (NotModified(httpContext.Request.GetTypedHeaders(), etag, lastModified))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        if (downloadName is not null)
        {
            response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = downloadName }.ToString();
        }

        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, httpContext.RequestAborted);
    }

    private static bool NotModified(Microsoft.AspNetCore.Http.Headers.RequestHeaders request, EntityTagHeaderValue etag, DateTimeOffset lastModified)
    {
        if (request.IfNoneMatch is { Count: > 0 } tags)
        {
            return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false));
        }

        return request.IfModifiedSince is { } since && lastModified <= since;
    }
}

/// <summary>Errors as application/problem+json (RFC 9457) with a Swedish title and detail.</summary>
internal static class ApiProblem
{
    public static IResult NotFound(string detail) => Of(StatusCodes.Status404NotFound, "Resursen finns inte", detail);

    public static IResult BadRequest(string detail) => Of(StatusCodes.Status400BadRequest, "Felaktig fråga", detail);

    public static IResult MethodNotAllowed(string method) => new MethodNotAllowedProblem(
        Of(StatusCodes.Status405MethodNotAllowed, "Metoden stöds inte",
            $"Det öppna API:t går bara att läsa, med GET eller HEAD. {TextOf(method)} stöds inte."));

    public static IResult Of(int status, string title, string detail) => Results.Problem(
        statusCode: status,
        title: title,
        detail: detail,
        type: TypeOf(status));

    /// <summary>The RFC 9110 section of a status code, as ASP.NET Core's own problem answers name them.</summary>
    public static string TypeOf(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        405 => "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        429 => "https://tools.ietf.org/html/rfc6585#section-4",
        503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
    };

    // A method is the client's text: at most 20 characters and only letters in the answer.
    private static string TextOf(string method) => new([.. method.Take(20).Where(char.IsAsciiLetter)]);

    /// <summary>405 must name what is allowed.</summary>
    private sealed class MethodNotAllowedProblem(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Allow = "GET, HEAD";
            return inner.ExecuteAsync(httpContext);
        }
    }
}
