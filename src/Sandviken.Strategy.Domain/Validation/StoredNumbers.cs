namespace Sandviken.Strategy.Domain.Validation;

/// <summary>
/// Values are stored as decimal(<see cref="FieldLimits.NumberPrecision"/>, <see cref="FieldLimits.NumberScale"/>):
/// checked here so that a value that does not fit gets a clear message instead of being rounded without a word or
/// failing in SQL Server.
/// </summary>
internal static class StoredNumbers
{
    public static readonly string Message =
        $"Värdet får ha högst {FieldLimits.NumberIntegerDigits} siffror före decimaltecknet och högst {FieldLimits.NumberScale} decimaler.";

    // 10 to the power of the digits allowed before the decimal sign: the smallest value that does not fit.
    private static readonly decimal Limit = Enumerable.Repeat(10m, FieldLimits.NumberIntegerDigits).Aggregate(1m, (a, b) => a * b);

    public static bool Fits(decimal? value) =>
        value is not { } v || (Math.Abs(v) < Limit && v == Math.Round(v, FieldLimits.NumberScale));

    public static void Check(this Problems problems, decimal? value, string field) =>
        problems.Require(Fits(value), field, Message);
}
