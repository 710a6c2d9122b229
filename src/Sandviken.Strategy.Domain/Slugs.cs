using System.Globalization;
using System.Text;
using Sandviken.Strategy.Domain.Data;

namespace Sandviken.Strategy.Domain;

/// <summary>URL names from Swedish titles: "Växa för framtiden" → "vaxa-for-framtiden".</summary>
public static class Slugs
{
    /// <summary>The length of the slug columns: a longer name gets its slug cut at a word boundary.</summary>
    public const int MaxLength = 100;

    public static string From(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in WellFormedText.Repaired(text).Trim().ToLower(Swedish.Culture).Normalize(NormalizationForm.FormD))
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

        var slug = builder.ToString().Trim('-');
        if (slug.Length <= MaxLength)
        {
            return slug;
        }

        var cut = slug[..MaxLength];
        var lastHyphen = cut.LastIndexOf('-');
        return (lastHyphen > MaxLength / 2 ? cut[..lastHyphen] : cut).Trim('-');
    }
}
