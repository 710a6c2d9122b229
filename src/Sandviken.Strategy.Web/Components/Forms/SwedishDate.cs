using System.Globalization;

namespace Sandviken.Strategy.Web.Components.Forms;

/// <summary>
/// Reads and writes a date the Swedish (ISO 8601) way, 2025-04-20, whatever the browser's language: a native
/// <c>&lt;input type="date"&gt;</c> shows mm/dd/yyyy in an English-language browser. The year always comes first,
/// so nothing is guessed: 2025-4-20 and 20250420 are read, 20/04/2025 and 04/20/2025 are refused.
/// </summary>
public static class SwedishDate
{
    /// <summary>Shown next to a date field whose text cannot be read.</summary>
    public const string Message = "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2025-04-20.";

    /// <summary>The field's placeholder: the form a date is written in.</summary>
    public const string Placeholder = "ÅÅÅÅ-MM-DD";

    public static string Format(DateOnly? date) =>
        date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>Shown next to a date field whose date is later than it may be.</summary>
    public static string AfterMessage(DateOnly max) => $"Datumet kan inte vara senare än {Format(max)}.";

    /// <summary>
    /// Reads a date typed by a person: year, month and day with hyphens (or en dashes, slashes, dots or spaces)
    /// between them, the month and day with one or two digits, or eight digits without separators.
    /// Empty or white space gives <c>true</c> with a null value ("no date").
    /// </summary>
    /// <returns>False when the text is not such a date, or names a day that does not exist (2025-02-30).</returns>
    public static bool TryParse(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var s = text.Trim();
        string[] parts;
        if (s.Length == 8 && s.All(char.IsAsciiDigit))
        {
            parts = [s[..4], s[4..6], s[6..]];
        }
        else
        {
            parts = s.Split(['-', '\u2013', '\u2011', '\u2212', '/', '.', ' '], StringSplitOptions.None);
            if (parts.Length != 3 || parts[0].Length != 4 || parts[1].Length is < 1 or > 2 || parts[2].Length is < 1 or > 2)
            {
                return false;
            }
        }

        if (!parts.All(p => p.All(char.IsAsciiDigit)))
        {
            return false;
        }

        var (year, month, day) = (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture));
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }
}
