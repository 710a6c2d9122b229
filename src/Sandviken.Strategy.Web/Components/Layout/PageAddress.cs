using Microsoft.AspNetCore.WebUtilities;

namespace Sandviken.Strategy.Web.Components.Layout;

/// <summary>A page's address as the public pages read it: the path, and only the query keys that change what they show.</summary>
internal static class PageAddress
{
    /// <summary>The query keys public pages read, in the order they are written (the output cache varies by the same keys).</summary>
    public static readonly string[] QueryKeys = ["ar", "visa"];

    public static string Canonical(string absoluteUri)
    {
        var uri = new Uri(absoluteUri);
        var query = QueryHelpers.ParseQuery(uri.Query);
        var kept = QueryKeys
            .Where(key => query.TryGetValue(key, out var value) && value.Count > 0)
            .Select(key => $"{key}={Uri.EscapeDataString(query[key][0] ?? "")}")
            .ToList();
        return kept.Count == 0 ? uri.AbsolutePath : $"{uri.AbsolutePath}?{string.Join('&', kept)}";
    }
}
