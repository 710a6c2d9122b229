using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;
using Sandviken.Strategy.Web.Components.Shared;

namespace Sandviken.Strategy.Web.Api;

/// <summary>
/// The API's query values, read as strictly as the pages read ?ar= (YearQuery): each key at most once, digits only and
/// without a leading zero for numbers, URL names in lower-case ASCII. Anything else is a 400 with a Swedish message,
/// never read as some other value. Unknown keys are ignored (and are not part of the cache key).
/// </summary>
internal static class ApiQuery
{
    public const string Year = "year";
    public const string Organisation = "organisation";
    public const string Area = "area";
    public const string Page = "page";
    public const string PageSize = "pageSize";

    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    private const int MaxSlugLength = 100;

    /// <summary>The one value of <paramref name="key"/> (null when absent or empty), or false with a problem for a second one.</summary>
    private static bool TrySingle(HttpRequest request, string key, out string? value, out string? problem)
    {
        var values = request.Query[key];
        (value, problem) = (null, null);
        if (values.Count > 1)
        {
            problem = $"Adressen anger {key} mer än en gång. Ange ett enda värde.";
            return false;
        }

        value = values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;
        return true;
    }

    public static bool TryYear(HttpRequest request, out int? year, out string? problem)
    {
        year = null;
        if (!TrySingle(request, Year, out var value, out problem) || value is null)
        {
            return problem is null;
        }

        if (!YearQuery.TryParse(value, out var parsed))
        {
            problem = $"Budgetåret ”{YearQuery.Shown(value)}” är inte ett årtal. Ange året med fyra siffror, till exempel year=2026.";
            return false;
        }

        year = parsed;
        return true;
    }

    /// <summary>A URL name such as kunskapsnamnden: lower-case letters a–z, digits and hyphens.</summary>
    public static bool TrySlug(HttpRequest request, string key, out string? slug, out string? problem)
    {
        if (!TrySingle(request, key, out slug, out problem) || slug is null)
        {
            return problem is null;
        }

        if (slug.Length > MaxSlugLength || !slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            problem = $"”{YearQuery.Shown(slug)}” är inget giltigt namn i adressen för {key}. Använd små bokstäver a–z, siffror och bindestreck, till exempel kunskapsnamnden.";
            slug = null;
            return false;
        }

        return true;
    }

    public static bool TryPaging(HttpRequest request, out int page, out int pageSize, out string? problem)
    {
        (page, pageSize) = (1, DefaultPageSize);
        if (!TryPositive(request, Page, int.MaxValue, ref page, out problem))
        {
            return false;
        }

        return TryPositive(request, PageSize, MaxPageSize, ref pageSize, out problem);
    }

    private static bool TryPositive(HttpRequest request, string key, int max, ref int number, out string? problem)
    {
        if (!TrySingle(request, key, out var value, out problem) || value is null)
        {
            return problem is null;
        }

        if (value.Length > 9 || !value.All(char.IsAsciiDigit) || value[0] == '0'
            || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed > max)
        {
            problem = $"{key} ”{YearQuery.Shown(value)}” går inte att använda. Ange ett heltal från 1 till {max.ToString(CultureInfo.InvariantCulture)}.";
            return false;
        }

        number = parsed;
        return true;
    }

    /// <summary>This request's address with <paramref name="page"/> in place of its page number, keeping the keys the endpoint reads.</summary>
    public static Uri PageAddress(HttpRequest request, Uri absolutePath, IReadOnlyList<string> keys, int page)
    {
        var query = new QueryBuilder();
        foreach (var key in keys)
        {
            if (key == Page)
            {
                continue;
            }

            if (request.Query[key] is { Count: 1 } value && !string.IsNullOrEmpty(value[0]))
            {
                query.Add(key, value[0]!);
            }
        }

        query.Add(Page, page.ToString(CultureInfo.InvariantCulture));
        return new Uri(absolutePath.GetLeftPart(UriPartial.Path) + query.ToQueryString().Value, UriKind.Absolute);
    }
}
