namespace Sandviken.Strategy.Web.Components.Shared;

/// <summary>
/// What a person typed into a number field, kept as text until it is saved, so that text that cannot be read
/// stays on screen with a message instead of being dropped or replaced. A form is saved only when every entry
/// in it can be read (<see cref="Error"/> is null).
/// </summary>
public interface INumberEntry
{
    string Text { get; set; }

    /// <summary>The Swedish message when <see cref="Text"/> cannot be read; null when it can.</summary>
    string? Error { get; }

    /// <summary>Rewrites readable text the Swedish way (3.5 becomes 3,5, 50000 becomes 50 000); leaves the rest as typed.</summary>
    void Normalise();
}

/// <summary>A decimal value; an empty field means no value.</summary>
public sealed class DecimalEntry(decimal? value = null) : INumberEntry
{
    public string Text { get; set; } = SwedishNumber.Format(value);

    public string? Error => SwedishNumber.TryParseDecimal(Text, out _) ? null : SwedishNumber.DecimalMessage;

    /// <summary>The value typed; only to be read when <see cref="Error"/> is null.</summary>
    public decimal? Value => SwedishNumber.TryParseDecimal(Text, out var parsed)
        ? parsed
        : throw new InvalidOperationException("The number cannot be read: check Error before saving.");

    public void Normalise()
    {
        if (SwedishNumber.TryParseDecimal(Text, out var parsed))
        {
            Text = SwedishNumber.Format(parsed);
        }
    }
}

/// <summary>A year; empty means no year unless <paramref name="required"/>.</summary>
public sealed class YearEntry(int? value = null, bool required = false) : INumberEntry
{
    public string Text { get; set; } = SwedishNumber.FormatYear(value);

    public bool Required { get; } = required;

    public string? Error => SwedishNumber.TryParseYear(Text, out var parsed) && (parsed is not null || !Required)
        ? null
        : SwedishNumber.YearMessage;

    /// <summary>The year typed; only to be read when <see cref="Error"/> is null.</summary>
    public int? Value => Error is null && SwedishNumber.TryParseYear(Text, out var parsed)
        ? parsed
        : throw new InvalidOperationException("The year cannot be read: check Error before saving.");

    public void Normalise()
    {
        if (SwedishNumber.TryParseYear(Text, out var parsed))
        {
            Text = SwedishNumber.FormatYear(parsed);
        }
    }
}
