namespace Sandviken.Strategy.Domain.Validation;

/// <summary>
/// Values are stored as decimal(18, 4): checked here so that a value that does not fit gets a clear message
/// instead of being rounded without a word or failing in SQL Server.
/// </summary>
internal static class StoredNumbers
{
    public const string Message = "Värdet får ha högst 14 siffror före decimaltecknet och högst 4 decimaler.";

    private const decimal Limit = 100_000_000_000_000m;

    public static bool Fits(decimal? value) =>
        value is not { } v || (Math.Abs(v) < Limit && v == Math.Round(v, 4));

    public static void Check(this Problems problems, decimal? value, string field) =>
        problems.Require(Fits(value), field, Message);
}
