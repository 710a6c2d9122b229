using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Api;

/// <summary>Paging, the cache, ETag and Last-Modified, HEAD, CORS and the problem answers of /api/v1.</summary>
public sealed class ApiProtocolTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Pages_1_and_2_are_different_entries_of_the_warm_cache()
    {
        using var client = portal.CreateClient();
        await portal.EvictAsync();
        foreach (var address in new[] { "/api/v1/goals?pageSize=5", "/api/v1/goals?pageSize=5&page=2" })
        {
            (await client.GetAsync(address)).Dispose();
        }

        using var first = await client.GetAsync("/api/v1/goals?pageSize=5&page=1");
        using var second = await client.GetAsync("/api/v1/goals?pageSize=5&page=2");
        using var unknownKey = await client.GetAsync("/api/v1/goals?pageSize=5&page=2&utm_source=x");
        var firstIds = Ids(await first.Content.ReadAsStringAsync());
        var secondIds = Ids(await second.Content.ReadAsStringAsync());

        Assert.True(second.Headers.Contains("Age"), "Page 2 is served from the cache.");
        Assert.True(unknownKey.Headers.Contains("Age"), "A key the endpoint does not read shares the entry.");
        Assert.Equal(5, firstIds.Count);
        Assert.Equal(5, secondIds.Count);
        Assert.Empty(firstIds.Intersect(secondIds));
        Assert.Equal(secondIds, Ids(await unknownKey.Content.ReadAsStringAsync()));

        static List<int> Ids(string json) =>
            [.. JsonDocument.Parse(json).RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32())];
    }

    [Fact]
    public async Task A_page_links_to_its_neighbours_in_the_body_and_the_Link_header_and_the_last_has_no_next()
    {
        using var client = portal.CreateClient();

        using var response = await client.GetAsync("/api/v1/decisions?year=2026&pageSize=3&page=2");
        var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var links = page.GetProperty("links");
        var last = await client.GetJsonAsync(new Uri(links.Text("last")).PathAndQuery);

        Assert.Equal(2, page.Int("page"));
        Assert.Equal(3, page.Int("pageSize"));
        Assert.Equal((page.Int("totalCount") + 2) / 3, page.Int("totalPages"));
        Assert.Equal("http://localhost/api/v1/decisions?year=2026&pageSize=3&page=3", links.Text("next"));
        Assert.Equal("http://localhost/api/v1/decisions?year=2026&pageSize=3&page=1", links.Text("previous"));
        var header = string.Join(", ", response.Headers.GetValues("Link"));
        Assert.Contains("<http://localhost/api/v1/decisions?year=2026&pageSize=3&page=3>; rel=\"next\"", header, StringComparison.Ordinal);
        Assert.Contains("rel=\"prev\"", header, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, last.GetProperty("links").GetProperty("next").ValueKind);
        Assert.Equal(page.Int("totalCount") - ((page.Int("totalPages") - 1) * 3), last.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_page_past_the_last_is_a_404_problem()
    {
        using var client = portal.CreateClient();

        using var response = await client.GetAsync("/api/v1/plans?page=999999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_ETag_sent_back_gives_304_rendered_or_from_the_cache(bool warm)
    {
        using var client = portal.CreateClient();
        await portal.EvictAsync();
        using var first = await client.GetAsync("/api/v1/organisations");
        var etag = first.Headers.ETag ?? throw new InvalidOperationException("No ETag.");
        if (!warm)
        {
            await portal.EvictAsync();
        }

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/api/v1/organisations");
        conditional.Headers.IfNoneMatch.Add(etag);
        using var answer = await client.SendAsync(conditional);
        using var otherTag = new HttpRequestMessage(HttpMethod.Get, "/api/v1/organisations");
        otherTag.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"anders\"", isWeak: true));
        using var changed = await client.SendAsync(otherTag);

        Assert.True(etag.IsWeak);
        Assert.Equal(HttpStatusCode.NotModified, answer.StatusCode);
        Assert.Equal(etag, answer.Headers.ETag);
        Assert.Empty(await answer.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(etag, changed.Headers.ETag);
    }

    [Fact]
    public async Task Last_Modified_with_If_Modified_Since_gives_304_until_a_public_write()
    {
        using var client = portal.CreateClient();
        await portal.EvictAsync();
        using var first = await client.GetAsync("/api/v1/mandate-periods");
        var lastModified = first.Content.Headers.LastModified ?? throw new InvalidOperationException("No Last-Modified.");

        using var unchanged = await client.SendAsync(Since(lastModified));
        // Any committed public write moves Last-Modified on, even within the same second of the (fake) clock.
        await portal.EvictAsync();
        using var changed = await client.SendAsync(Since(lastModified));

        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.True(changed.Content.Headers.LastModified > lastModified);

        static HttpRequestMessage Since(DateTimeOffset time)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/mandate-periods");
            request.Headers.IfModifiedSince = time;
            return request;
        }
    }

    [Fact]
    public async Task HEAD_gives_the_headers_of_GET_without_a_body()
    {
        using var client = portal.CreateClient();
        using var get = await client.GetAsync("/api/v1/plans?year=2026");

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/v1/plans?year=2026"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal("application/json", head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_GET_from_another_origin_is_allowed_without_credentials_and_sees_the_cache_headers()
    {
        using var client = portal.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/goals?year=2026");
        request.Headers.Add("Origin", "https://data.example.org");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
        var exposed = string.Join(",", response.Headers.GetValues("Access-Control-Expose-Headers"));
        Assert.Contains("ETag", exposed, StringComparison.Ordinal);
        Assert.Contains("Link", exposed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_preflight_allows_GET_and_HEAD_only()
    {
        using var client = portal.CreateClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/plans");
        preflight.Headers.Add("Origin", "https://data.example.org");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        preflight.Headers.Add("Access-Control-Request-Headers", "if-none-match");

        using var response = await client.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(["GET", "HEAD"], string.Join(",", response.Headers.GetValues("Access-Control-Allow-Methods")).Split(',').Select(m => m.Trim()).Order());
    }

    [Theory]
    [InlineData("/api/v1/plans?year=26", "year")]
    [InlineData("/api/v1/plans?year=02026", "year")]
    [InlineData("/api/v1/goals?year=2026&year=2025", "year")]
    [InlineData("/api/v1/goals?area=V%C3%A4xa", "area")]
    [InlineData("/api/v1/goals?organisation=a&organisation=b", "organisation")]
    [InlineData("/api/v1/decisions?page=0", "page")]
    [InlineData("/api/v1/indicators?pageSize=201", "pageSize")]
    [InlineData("/api/v1/follow-ups?pageSize=1e3", "pageSize")]
    [InlineData("/api/v1/plans?page=%201", "page")]
    public async Task Malformed_or_repeated_query_values_are_400_problems_in_Swedish(string address, string key)
    {
        using var client = portal.CreateClient();

        using var response = await client.GetAsync(address);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(400, problem.Int("status"));
        Assert.Equal("Felaktig fråga", problem.Text("title"));
        Assert.Contains(key, problem.Text("detail"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST", "/api/v1/plans")]
    [InlineData("DELETE", "/api/v1/plans/1")]
    [InlineData("PUT", "/api/v1/organisations/kunskapsnamnden")]
    [InlineData("PATCH", "/api/v1/finns-inte")]
    public async Task Any_method_but_GET_and_HEAD_is_a_405_problem_naming_what_is_allowed(string method, string address)
    {
        using var client = portal.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), address) { Content = new StringContent("{}") });
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow.Order());
        Assert.Contains(method, problem.Text("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_the_rate_limit_the_API_answers_429_as_a_problem_with_Retry_After()
    {
        await using var limited = new KestrelPortal(new Dictionary<string, string?>
        {
            ["RateLimits:PagesPerClient:PermitLimit"] = "2",
            ["RateLimits:PagesPerClient:WindowSeconds"] = "3600",
        });
        using var client = limited.ClientFrom("198.51.100.40");
        for (var i = 0; i < 2; i++)
        {
            (await client.GetAsync("/api/v1")).Dispose();
        }

        using var refused = await client.GetAsync("/api/v1");
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.Equal(429, problem.Int("status"));
        Assert.Equal("För många förfrågningar", problem.Text("title"));
    }
}
