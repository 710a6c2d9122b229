using Sandviken.Strategy.Domain.Tests.Infrastructure;
using System.Text;
using CsCheck;

namespace Sandviken.Strategy.Domain.Tests.Properties;

/// <summary>
/// Generators of hostile user input for the property-based tests: text with emoji, right-to-left and combining
/// characters, NUL and other control characters, Unicode white space, very long strings; numbers at the edges of
/// decimal and years that no form would offer.
/// </summary>
public static class Generated
{
    /// <summary>
    /// How many generated inputs each entry point gets (issue 9: at least 10,000, on SQLite). The PostgreSQL run (ADR 0037)
    /// gives each 1,000: every input costs a few network round trips there, and 10,000 made the run several times longer
    /// than the SQLite one; 1,000 still reach every generator's specials (NUL included, which found a fault there).
    /// </summary>
    public static int Inputs { get; } = TestProvider.IsPostgreSql ? 1_000 : 10_000;

    private static readonly string[] Specials =
    [
        "\0", "\u0001", "\u0007", "\b", "\t", "\n", "\r\n", "\u001b[31m", "\u007f", "\u0085", "\u009b",
        "\u00a0", "\u2028", "\u2029", "\u3000", "\u200b", "\u200d", "\ufeff", "\u00ad",
        "😀", "👩‍👩‍👧‍👦", "🇸🇪", "🏳️‍🌈", "👍🏽", "\U0001F9D1\u200D\U0001F4BB", "𝕊𝕒𝕟𝕕𝕧𝕚𝕜𝕖𝕟", "𠜎",
        "שלום", "مرحبا", "\u202eabc\u202c", "\u200f", "\u061c", "ایران",
        "e\u0301", "a\u030a", "Z\u0351\u0352\u0357\u035b\u0363\u0364", "\u0308", "각", "Å", "Å",
        "åäöÅÄÖ", "é", "ß", "İ", "ı", "ﬁ", "Ⅻ", "½", "٣", "߀", "𝟘",
        "'", "\"", "<script>alert(1)</script>", "'; DROP TABLE Goals; --", "%00", "%s%n", "{0}", "${x}", "\\", "/", "../",
        "§ 12", "–", "—", "…", "€", " ",
    ];

    /// <summary>One run of ordinary or hostile characters.</summary>
    private static readonly Gen<string> Piece = Gen.Frequency(
        (6, Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 "], 1, 12]),
        (4, Gen.OneOf(Specials)),
        (1, Gen.Char['\0', '\u001f'].Select(c => c.ToString())),
        (1, Gen.Char['\u0300', '\u036f'].Array[1, 20].Select(cs => new string(cs))),
        (1, Gen.Int[0x1F300, 0x1FAFF].Select(char.ConvertFromUtf32)),
        (1, Gen.Int[0x0590, 0x06FF].Select(char.ConvertFromUtf32)),
        (1, Gen.Int[0x20, 0xFFFD].Where(c => c is < 0xD800 or > 0xDFFF).Select(char.ConvertFromUtf32)),
        (1, Gen.Int[0x10000, 0x10FFFF].Select(char.ConvertFromUtf32)));

    /// <summary>
    /// Well-formed text of any length: mostly short, now and then at or just past a field's limit, about one in fifty
    /// far past every limit (up to 100,000 characters), sometimes empty or only white space. (Unpaired surrogates: see
    /// <see cref="IllFormed"/>.)
    /// </summary>
    public static readonly Gen<string> Text = Gen.Frequency(
        (36, Piece.Array[0, 12].Select(string.Concat)),
        (6, Gen.OneOf("", " ", "\t\n", "\u3000", "\0", "\u200b")),
        (4, Gen.Select(Piece, Gen.OneOf(99, 100, 101, 199, 200, 201, 299, 300, 301, 499, 500, 501, 1999, 2000, 2001, 3999, 4000, 4001, 7999, 8000, 8001), Exactly)),
        (1, Gen.Select(Piece, Gen.Int[8_000, 100_000], Exactly)));

    /// <summary>Text with an unpaired surrogate somewhere: not valid Unicode, as a hand-written client may send.</summary>
    public static readonly Gen<string> IllFormed = Gen.Select(
        Text, Gen.Char['\ud800', '\udfff'], Gen.Int[0, 1_000], (text, surrogate, at) => text.Insert(Math.Min(at, text.Length), surrogate.ToString()));

    /// <summary>Text as users type it, with ill-formed text now and then.</summary>
    public static readonly Gen<string> AnyText = Gen.Frequency((19, Text), (1, IllFormed));

    /// <summary>
    /// Text for a field of at most <paramref name="maxLength"/> characters, mostly just over the limit (after
    /// trimming too) or blank: the domain refuses most of these, so that the saves (and read-backs) are a sample.
    /// </summary>
    public static Gen<string> Field(int maxLength, int savedOneIn = 4) => Gen.Frequency(
        (1, AnyText),
        (savedOneIn - 1, Gen.Frequency(
            (3, Gen.Select(Piece, Gen.Int[maxLength + 1, maxLength + 40], (piece, length) => Exactly(piece.Trim().Length == 0 ? "x" : piece, length).Trim() + "x")),
            (1, Gen.OneOf("", " ", "\t\r\n", "\u3000\u00a0", "\u2028")))));

    /// <summary>Text or null.</summary>
    public static readonly Gen<string?> OptionalText = Gen.Frequency((9, AnyText.Select(t => (string?)t)), (1, Gen.Const((string?)null)));

    private static readonly decimal[] Ten = [1m, 10m, 100m, 1_000m, 10_000m, 100_000m, 1_000_000m];

    /// <summary>Numbers at and around the edges: decimal's extremes, the stored decimal(18,4)'s limits, tiny and negative values.</summary>
    public static readonly Gen<decimal> Number = Gen.Frequency(
        (3, Gen.OneOf(
            decimal.MaxValue, decimal.MinValue, 0m, -0m, 0.0000000000000000000000000001m, -0.0000000000000000000000000001m,
            99_999_999_999_999.9999m, 100_000_000_000_000m, -99_999_999_999_999.9999m, -100_000_000_000_000m,
            0.0001m, 0.00001m, 1.23456m, 79228162514264337593543950335m, 1m, -1m, 50_000m, 0.5m)),
        (3, Gen.Decimal),
        (4, Gen.Decimal[-1_000_000m, 1_000_000m]),
        (2, Gen.Int[-1_000_000, 1_000_000].Select(i => (decimal)i)),
        (6, Gen.Select(Gen.Long[-999_999_999_999_999_999, 999_999_999_999_999_999], Gen.Int[0, 6], (units, scale) => new decimal(units) / Ten[scale])),
        (6, Gen.Select(Gen.Int[-10_000_000, 10_000_000], Gen.Int[0, 5], (units, scale) => units / Ten[scale])));

    public static readonly Gen<decimal?> OptionalNumber = Gen.Frequency((4, Number.Select(n => (decimal?)n)), (1, Gen.Const((decimal?)null)));

    /// <summary>Years from no form: 0, negative, 9999, int's extremes; and plausible ones.</summary>
    public static readonly Gen<int> Year = Gen.Frequency(
        (2, Gen.OneOf(0, 1, -1, 1899, 1900, 1999, 2000, 2025, 2026, 2027, 2100, 2101, 9999, 10_000, int.MaxValue, int.MinValue)),
        (3, Gen.Int[1990, 2110]),
        (1, Gen.Int));

    public static readonly Gen<int?> OptionalYear = Gen.Frequency((3, Year.Select(y => (int?)y)), (1, Gen.Const((int?)null)));

    /// <summary>Dates from the first to the last day DateOnly knows, with most of them near today (26 November 2026 in the tests).</summary>
    public static readonly Gen<DateOnly?> Date = Gen.Frequency(
        (1, Gen.OneOf<DateOnly?>(null, DateOnly.MinValue, DateOnly.MaxValue, new DateOnly(2026, 11, 26), new DateOnly(2026, 11, 27), new DateOnly(1, 1, 1))),
        (4, Gen.Int[0, 2_000].Select(days => (DateOnly?)new DateOnly(2026, 11, 26).AddDays(-days))),
        (1, Gen.Int[DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber].Select(DateOnly.FromDayNumber).Select(d => (DateOnly?)d)));

    /// <summary>A defined value of an enum most of the time, else any number cast to it.</summary>
    public static Gen<T> EnumValue<T>()
        where T : struct, Enum =>
        Gen.Frequency((8, Gen.Enum<T>()), (1, Gen.Int.Select(i => (T)Enum.ToObject(typeof(T), i))));

    /// <summary>A Kolada KPI id: valid, lower case, or any text.</summary>
    public static readonly Gen<string?> KpiId = Gen.Frequency(
        (2, Gen.Const((string?)null)),
        (2, Gen.Select(Gen.OneOf("N", "U", "n", "u", "X"), Gen.Int[0, 99_999], (p, n) => (string?)(p + n.ToString("00000", System.Globalization.CultureInfo.InvariantCulture)))),
        (1, OptionalText));

    private static string Exactly(string piece, int length)
    {
        var builder = new StringBuilder(length + piece.Length);
        while (builder.Length < length)
        {
            builder.Append(piece.Length == 0 ? "x" : piece);
        }

        return builder.ToString();
    }
}
