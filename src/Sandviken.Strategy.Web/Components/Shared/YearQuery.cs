using System.Globalization;

namespace Sandviken.Strategy.Web.Components.Shared;

/// <summary>Reads a budget year from the query string (?ar=2026): four digits, nothing else.</summary>
internal static class YearQuery
{
    public static bool TryParse(string value, out int year) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out year) && year is >= 1000 and <= 9999;
}
