using System.Globalization;

namespace Sandviken.Strategy.Domain;

/// <summary>Swedish ordering: SQLite sorts binary, so lists shown to people are sorted in memory (å, ä, ö last).</summary>
public static class Swedish
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("sv-SE");

    public static readonly StringComparer Comparer = StringComparer.Create(Culture, ignoreCase: true);
}
