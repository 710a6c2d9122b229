using System.Globalization;

namespace Sandviken.Strategy.Domain.Validation;

/// <summary>
/// How long a text and how large a number may be: one place for the database columns (the EF configurations), the
/// rules that check input before it reaches them, and the editors that tell the user the limit as they type.
/// </summary>
public static class FieldLimits
{
    public const int GoalTitleMaxLength = 300;

    public const int GoalDescriptionMaxLength = 4000;

    public const int IndicatorNameMaxLength = 300;

    public const int IndicatorUnitMaxLength = 100;

    public const int AreaTitleMaxLength = 200;

    public const int AreaLeadMaxLength = 4000;

    public const int AreaBodyMaxLength = 8000;

    public const int FollowUpCommentMaxLength = 2000;

    public const int DecidedByMaxLength = 200;

    public const int DecisionReferenceMaxLength = 200;

    /// <summary>Stored numbers (values, baselines, targets) are decimal(<see cref="NumberPrecision"/>, <see cref="NumberScale"/>).</summary>
    public const int NumberPrecision = 18;

    /// <inheritdoc cref="NumberPrecision"/>
    public const int NumberScale = 4;

    /// <summary>Digits before the decimal sign that a stored number may have.</summary>
    public const int NumberIntegerDigits = NumberPrecision - NumberScale;

    // Swedish digit grouping with a plain space, as the messages have always been written ("4 000").
    private static readonly NumberFormatInfo Grouping = new() { NumberGroupSeparator = " ", NumberGroupSizes = [3] };

    /// <summary>The message for a text over its limit, for example "Rubriken får vara högst 300 tecken.".</summary>
    /// <param name="what">The field as the sentence's subject, with its article: "Rubriken", "Beskrivningen".</param>
    public static string TooLong(string what, int maxLength) =>
        $"{what} får vara högst {Grouped(maxLength)} tecken.";

    /// <summary>A count as the messages write it: "5 000".</summary>
    internal static string Grouped(int count) => count.ToString("#,0", Grouping);
}
