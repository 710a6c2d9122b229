using System.Net;
using System.Text.RegularExpressions;

namespace Sandviken.Strategy.Web.Tests.Infrastructure;

/// <summary>Checks on server-rendered HTML, as a browser without JavaScript receives it.</summary>
public static partial class HtmlAssert
{
    public static async Task<string> GetPageAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"GET {url}: expected {(int)expected}, got {(int)response.StatusCode}.\n{Text(html)[..Math.Min(2000, Text(html).Length)]}");
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return html;
    }

    /// <summary>The page's visible text with tags removed and entities decoded, whitespace collapsed.</summary>
    public static string Text(string html) =>
        WhitespaceRegex().Replace(WebUtility.HtmlDecode(TagRegex().Replace(ScriptRegex().Replace(html, " "), " ")), " ");

    public static void ContainsText(string expected, string html) =>
        Assert.Contains(expected, Text(html), StringComparison.Ordinal);

    public static void LacksText(string unexpected, string html) =>
        Assert.DoesNotContain(unexpected, Text(html), StringComparison.Ordinal);

    /// <summary>lang="sv", the four landmarks, exactly one h1 and no interactive circuit.</summary>
    public static void IsAccessibleStaticPage(string html)
    {
        Assert.Contains("<html lang=\"sv\"", html, StringComparison.Ordinal);
        Assert.Matches("<header[ >]", html);
        Assert.Matches("<nav[ >]", html);
        Assert.Matches("<main[ >]", html);
        Assert.Matches("<footer[ >]", html);
        Assert.Single(H1Regex().Matches(html));
        // An interactive component leaves a Blazor server marker for the circuit to pick up.
        Assert.DoesNotContain("\"type\":\"server\"", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<h1[ >]")]
    private static partial Regex H1Regex();

    [GeneratedRegex("<(script|style)[^>]*>.*?</\\1>", RegexOptions.Singleline)]
    private static partial Regex ScriptRegex();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagRegex();

    [GeneratedRegex("\\s+")]
    private static partial Regex WhitespaceRegex();
}
