namespace Sandviken.Strategy.Domain.Areas;

/// <summary>
/// Pace to target for a dated ambition: a straight line fitted to the series by least squares, read off in the
/// target year. The direction of the goal follows from the target: above the latest value it is to grow, below to fall.
/// </summary>
public sealed record Pace(
    int LatestYear,
    decimal LatestValue,
    decimal SlopePerYear,
    int TargetYear,
    decimal TargetValue,
    decimal ProjectedValue,
    bool OnPace)
{
    /// <returns>
    /// Null when there are fewer than two years of values, no target value and year, or values too large to compute with.
    /// </returns>
    public static Pace? Assess(IReadOnlyList<(int Year, decimal Value)> series, decimal? targetValue, int? targetYear)
    {
        var points = series.GroupBy(p => p.Year).Select(g => (Year: g.Key, Value: g.Last().Value)).OrderBy(p => p.Year).ToList();
        if (points.Count < 2 || targetValue is not { } target || targetYear is not { } year)
        {
            return null;
        }

        // Values that fit decimal(18,4) cannot overflow here; values stored before the import checked them could.
        try
        {
            var meanX = points.Average(p => (decimal)p.Year);
            var meanY = points.Average(p => p.Value);
            var sxx = points.Sum(p => (p.Year - meanX) * (p.Year - meanX));
            var slope = points.Sum(p => (p.Year - meanX) * (p.Value - meanY)) / sxx;
            var projected = meanY + slope * (year - meanX);
            var latest = points[^1];
            var onPace = target >= latest.Value ? projected >= target : projected <= target;
            return new Pace(latest.Year, latest.Value, slope, year, target, projected, onPace);
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}
