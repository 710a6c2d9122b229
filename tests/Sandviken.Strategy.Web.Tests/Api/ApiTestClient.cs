using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Api;

/// <summary>Reading the open data API's answers in the tests.</summary>
internal static class ApiTestClient
{
    /// <summary>GETs an address that must answer 200 with JSON, and parses it.</summary>
    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string address)
    {
        using var response = await client.GetAsync(address);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{address}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Every item of a paged list, following its next links.</summary>
    public static async Task<List<JsonElement>> GetAllPagesAsync(this HttpClient client, string address)
    {
        var items = new List<JsonElement>();
        string? next = address;
        while (next is not null)
        {
            var page = await client.GetJsonAsync(next);
            items.AddRange(page.GetProperty("items").EnumerateArray());
            next = page.GetProperty("links").GetProperty("next") is { ValueKind: JsonValueKind.String } link ? new Uri(link.GetString()!).PathAndQuery : null;
        }

        return items;
    }

    public static string Text(this JsonElement element, string property) => element.GetProperty(property).GetString()!;

    public static int Int(this JsonElement element, string property) => element.GetProperty(property).GetInt32();

    public static async Task<StrategyDbContext> DbAsync(this PortalFactory portal) =>
        await portal.Services.GetRequiredService<IDbContextFactory<StrategyDbContext>>().CreateDbContextAsync();

    public static Task EvictAsync(this PortalFactory portal) =>
        portal.Services.GetRequiredService<IPublicContentListener>().PublicContentChangedAsync().AsTask();
}
