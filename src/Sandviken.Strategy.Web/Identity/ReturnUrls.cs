using System.Text;

namespace Sandviken.Strategy.Web.Identity;

/// <summary>
/// Where to go after signing in: only a path on this site, made safe for a Location header; anything else
/// falls back to a fixed page. Never throws, whatever the visitor put in <c>ReturnUrl</c>.
/// </summary>
internal static class ReturnUrls
{
    public const int MaxLength = 2000;

    /// <summary>The local path to follow, percent-encoded to plain ASCII, or <paramref name="fallback"/>.</summary>
    public static string LocalOr(string? url, string fallback) => IsLocal(url) ? Encode(url!) : fallback;

    /// <summary>
    /// A path on this site: starts with one '/', not "//" or "/\" (which browsers read as another host), and holds
    /// no control or other invisible characters (browsers drop tabs and newlines, so "/\t/evil.example" would
    /// become "//evil.example"; spaces, the Unicode separators, direction marks and lone surrogates are refused the same way).
    /// </summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.Length <= MaxLength
        && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(c => char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Control
            or System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.LineSeparator
            or System.Globalization.UnicodeCategory.ParagraphSeparator or System.Globalization.UnicodeCategory.SpaceSeparator)
        && !HasLoneSurrogate(url);

    // Non-ASCII characters and the few ASCII ones a header or a URL must not hold raw, as UTF-8 percent escapes;
    // everything else (including existing escapes) as it is.
    private static string Encode(string url)
    {
        var text = new StringBuilder(url.Length);
        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < url.Length; i++)
        {
            var c = url[i];
            if (c is > ' ' and < '\u007f' and not '"' and not '<' and not '>' and not '\\' and not '^' and not '`' and not '{' and not '|' and not '}')
            {
                text.Append(c);
                continue;
            }

            var rune = char.IsHighSurrogate(c) ? new Rune(c, url[++i]) : new Rune(c);
            var length = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..length])
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    private static bool HasLoneSurrogate(string url)
    {
        for (var i = 0; i < url.Length; i++)
        {
            if (char.IsHighSurrogate(url[i]) && i + 1 < url.Length && char.IsLowSurrogate(url[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(url[i]))
            {
                return true;
            }
        }

        return false;
    }
}
