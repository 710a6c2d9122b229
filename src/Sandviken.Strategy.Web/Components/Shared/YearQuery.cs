using System.Globalization;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace Sandviken.Strategy.Web.Components.Shared;

/// <summary>
/// Reads a budget year from the query string (?ar=2026): exactly four ASCII digits from 1000 to 9999, nothing else,
/// given at most once. The public pages and /beslutsstatus.csv read it through this one method, so they agree on
/// every address: "?ar=02026", "?ar=2026%00", "?ar=%202026" and "?ar=2026&amp;ar=2025" are refused (400, Swedish
/// message), never read as some year. An empty "?ar=" means no year, as if it were absent.
/// </summary>
internal static class YearQuery
{
    public const string Key = "ar";

    /// <summary>How much of a refused value the message repeats.</summary>
    private const int ShownLength = 40;

    /// <summary>The single-value form, for code that has one value (or none) in hand.</summary>
    public static bool TryParse(string? value, out int year)
    {
        year = 0;
        return value is { Length: 4 } && value.All(char.IsAsciiDigit) && value[0] != '0'
            && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out year);
    }

    /// <summary>
    /// Reads every "ar" value of a request. True with a null year when there is none (or one empty value); true with the
    /// year for exactly one valid value; otherwise false with a Swedish <paramref name="problem"/> to show.
    /// </summary>
    public static bool TryRead(StringValues values, out int? year, out string? problem)
    {
        (year, problem) = (null, null);
        if (values.Count > 1)
        {
            problem = "Adressen anger budgetåret mer än en gång. Ange ett enda år, till exempel ?ar=2026.";
            return false;
        }

        var value = values.Count == 1 ? values[0] : null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (!TryParse(value, out var parsed))
        {
            problem = $"Budgetåret ”{Shown(value)}” är inte ett årtal. Ange året med fyra siffror, till exempel ?ar=2026.";
            return false;
        }

        year = parsed;
        return true;
    }

    /// <summary>
    /// A value of a query string as a message may repeat it: control characters (NUL, line breaks) shown as "�",
    /// and at most <see cref="ShownLength"/> characters.
    /// </summary>
    public static string Shown(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var shown = new StringBuilder();
        var count = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            if (++count > ShownLength)
            {
                return shown.Append('…').ToString();
            }

            // A lone surrogate is enumerated as the replacement character already.
            shown.Append(Rune.IsControl(rune) ? "\uFFFD" : rune.ToString());
        }

        return shown.ToString();
    }
}
