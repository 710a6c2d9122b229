using System.Globalization;

namespace Sandviken.Strategy.Web.Components.Forms;

/// <summary>Dates as Swedish users write them: 2025-04-20, also typed as 20250420 or 2025-4-20.</summary>
public static class SwedishDate
{
    public const string UnreadableMessage = "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2025-04-20.";

    private static readonly string[] Formats = ["yyyy-MM-dd", "yyyy-M-d", "yyyyMMdd"];

    public static string Format(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static bool TryParse(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }

        return false;
    }

    /// <returns>A Swedish message when the text is not a date or is after <paramref name="max"/>; null when it is fine (empty is fine).</returns>
    public static string? Check(string? text, DateOnly? max, out DateOnly? date)
    {
        if (!TryParse(text, out date))
        {
            return UnreadableMessage;
        }

        return date > max
            ? $"Datumet kan inte vara senare än {Format(max)}."
            : null;
    }
}
