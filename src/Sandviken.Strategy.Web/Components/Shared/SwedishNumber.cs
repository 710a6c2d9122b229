using System.Globalization;
using Sandviken.Strategy.Domain;

namespace Sandviken.Strategy.Web.Components.Shared;

/// <summary>
/// Reads and writes numbers the Swedish way, in one place for every number field: a decimal comma
/// (a decimal point is accepted too, for values pasted from elsewhere), spaces or non-breaking spaces
/// between groups of three digits, and a hyphen or a minus sign for negative values.
/// Nothing is guessed: text that cannot be read exactly is refused, never rounded or partly read.
/// The ranges that can be stored are the domain's to check.
/// </summary>
public static class SwedishNumber
{
    /// <summary>Shown next to a number field whose text cannot be read.</summary>
    public const string DecimalMessage = "Skriv ett tal, till exempel 3,5 eller 50 000.";

    /// <summary>Shown next to a year field whose text cannot be read (or is empty where a year is needed).</summary>
    public const string YearMessage = "Skriv året med siffror, till exempel 2030.";

    // A decimal holds 28 to 29 significant digits; more than 28 could be rounded while being read.
    private const int MaxDigits = 28;

    private const string Digits28 = "############################";

    /// <summary>
    /// Reads a number typed by a person. Empty or white space gives <c>true</c> with a null value ("no value").
    /// </summary>
    /// <returns>False when the text is not a number in Swedish (or dotted) form.</returns>
    public static bool TryParseDecimal(string? text, out decimal? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var s = text.Trim();
        var negative = false;
        if (s[0] is '-' or '\u2212' or '\u2013' or '+')
        {
            negative = s[0] != '+';
            s = s[1..];
        }

        var separator = s.IndexOfAny([',', '.']);
        if (separator >= 0 && s.IndexOfAny([',', '.'], separator + 1) >= 0)
        {
            // 1.000,5 or 1,000.5: which mark is the decimal one cannot be known.
            return false;
        }

        var whole = separator < 0 ? s : s[..separator];
        var fraction = separator < 0 ? "" : s[(separator + 1)..];
        if ((separator >= 0 && fraction.Length == 0) || !IsDigits(fraction))
        {
            return false;
        }

        string wholeDigits;
        if (whole.Any(IsGroupSpace))
        {
            // Groups of three after the first: "50 000" and "1 000 000", but not "3 5" or "10  000".
            var groups = whole.Split(GroupSpaces);
            if (groups[0].Length is < 1 or > 3 || groups.Skip(1).Any(g => g.Length != 3) || !groups.All(IsDigits))
            {
                return false;
            }

            wholeDigits = string.Concat(groups);
        }
        else
        {
            wholeDigits = whole;
        }

        if (!IsDigits(wholeDigits) || (wholeDigits.Length == 0 && fraction.Length == 0))
        {
            return false;
        }

        var significant = wholeDigits.TrimStart('0').Length + fraction.TrimEnd('0').Length;
        if (significant > MaxDigits)
        {
            return false;
        }

        var decimals = fraction.TrimEnd('0');
        var invariant = (wholeDigits.Length == 0 ? "0" : wholeDigits) + (decimals.Length == 0 ? "" : "." + decimals);
        if (!decimal.TryParse(invariant, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed))
        {
            return false;
        }

        value = negative && parsed != 0 ? -parsed : parsed;
        return true;
    }

    /// <summary>
    /// Reads a year typed by a person: digits only. Empty or white space gives <c>true</c> with a null value.
    /// </summary>
    public static bool TryParseYear(string? text, out int? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var s = text.Trim();
        if (s.Length > 9 || !IsDigits(s))
        {
            return false;
        }

        value = int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>
    /// A number the Swedish way, every stored decimal kept: <c>3,5</c>, <c>50 000</c> (with a non-breaking space),
    /// <c>−2,25</c>. Null gives an empty string.
    /// </summary>
    public static string Format(decimal? value) =>
        value is { } v ? v.ToString("#,0." + Digits28, Swedish.Culture) : "";

    /// <summary>A year as plain digits (2030, not 2 030). Null gives an empty string.</summary>
    public static string FormatYear(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static readonly char[] GroupSpaces = [' ', '\u00A0', '\u202F', '\u2009'];

    private static bool IsGroupSpace(char c) => Array.IndexOf(GroupSpaces, c) >= 0;

    private static bool IsDigits(string s) => s.All(char.IsAsciiDigit);
}
