using System.Globalization;
using System.Text;

namespace Sandviken.Strategy.Domain.Logging;

/// <summary>
/// What a visitor typed, made safe to log: at most <see cref="MaxLength"/> characters, with control, line-separator
/// and direction-override characters replaced by '?'. A newline in an e-mail address cannot then start a forged
/// line in a text log, and a 4 MB form field adds a few hundred bytes to the log, not 4 MB. Every log call that
/// carries a value from a request passes it through <see cref="Safe"/>.
/// </summary>
public static class LogText
{
    public const int MaxLength = 200;

    public static string Safe(string? value)
    {
        if (value is null)
        {
            return "";
        }

        var kept = value.Length <= MaxLength ? value.Length : MaxLength;
        // Never cut a surrogate pair in two.
        if (kept < value.Length && kept > 0 && char.IsHighSurrogate(value[kept - 1]))
        {
            kept--;
        }

        var text = new StringBuilder(kept + 40);
        for (var i = 0; i < kept; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < kept && char.IsLowSurrogate(value[i + 1]))
            {
                text.Append(c).Append(value[++i]);
            }
            else
            {
                text.Append(IsUnsafe(c) ? '?' : c);
            }
        }

        if (kept < value.Length)
        {
            text.Append(CultureInfo.InvariantCulture, $"… [{value.Length} characters, cut]");
        }

        return text.ToString();
    }

    // Control characters (including CR, LF, NUL, ESC for terminal escapes), the Unicode line and paragraph
    // separators, format characters (direction overrides that reorder what a reader sees) and lone surrogates.
    private static bool IsUnsafe(char c) =>
        char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.Format or UnicodeCategory.Surrogate;
}
