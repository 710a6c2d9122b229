using System.Globalization;
using System.Text;

namespace Sandviken.Strategy.Domain;

/// <summary>URL names from Swedish titles: "Växa för framtiden" → "vaxa-for-framtiden".</summary>
public static class Slugs
{
    public static string From(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Trim().ToLower(Swedish.Culture).Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue; // å → a, ä → a, ö → o, é → e
            }

            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        return builder.ToString().Trim('-');
    }
}
