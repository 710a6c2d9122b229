using System.Globalization;

namespace Sandviken.Strategy.Domain.FollowUps;

/// <summary>
/// The period of a value typed by hand: a year, written in digits. Leading zeros and surrounding white space are
/// dropped ("02025" and " 2025 " are 2025), so one year is always stored as the same text and cannot get a second
/// row; anything but digits (a sign, a NUL, a space inside) is not a year.
/// </summary>
public static class MeasurementPeriod
{
    // More digits than an int holds, even with leading zeros, are not read (and no year has them).
    private const int MaxLength = 9;

    /// <summary>The year typed in <paramref name="text"/>, or false when it is not digits only.</summary>
    public static bool TryParse(string? text, out int year)
    {
        year = 0;
        var s = (text ?? "").Trim();
        return s.Length is > 0 and <= MaxLength && s.All(char.IsAsciiDigit)
            && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out year);
    }

    /// <summary>The period as it is stored ("2025" for "02025"), or the text trimmed when it is not a year.</summary>
    public static string Normalise(string? text) =>
        TryParse(text, out var year) ? year.ToString(CultureInfo.InvariantCulture) : (text ?? "").Trim();
}
