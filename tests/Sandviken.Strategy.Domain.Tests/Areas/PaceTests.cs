using Sandviken.Strategy.Domain.Areas;

namespace Sandviken.Strategy.Domain.Tests.Areas;

public sealed class PaceTests
{
    [Fact]
    public void A_straight_line_is_projected_exactly()
    {
        // +200 a year from 39 000 in 2020: 40 000 in 2025, 42 000 in 2035.
        var pace = Pace.Assess([(2020, 39000m), (2021, 39200m), (2022, 39400m), (2023, 39600m)], 42000m, 2035)!;

        Assert.Equal(200m, pace.SlopePerYear);
        Assert.Equal(42000m, pace.ProjectedValue);
        Assert.True(pace.OnPace);
        Assert.Equal((2023, 39600m), (pace.LatestYear, pace.LatestValue));
    }

    [Fact]
    public void Least_squares_through_scattered_points()
    {
        // x: 1..4 (as years 2021..2024), y: 1, 3, 2, 4 → slope 0.8, intercept at mean: (2.5, 2.5).
        var pace = Pace.Assess([(2021, 1m), (2022, 3m), (2023, 2m), (2024, 4m)], 10m, 2030)!;

        Assert.Equal(0.8m, pace.SlopePerYear);
        Assert.Equal(2.5m + 0.8m * (2030 - 2022.5m), pace.ProjectedValue);
        Assert.False(pace.OnPace);
    }

    [Theory]
    [InlineData(2.0, true)]
    [InlineData(0.5, false)]
    public void A_falling_target_is_met_when_the_projection_is_at_or_below_it(double target, bool onPace)
    {
        // Emissions falling by 0.25 a year from 4.0 in 2020: 1.5 in 2030.
        var pace = Pace.Assess([(2020, 4.0m), (2021, 3.75m), (2022, 3.5m)], (decimal)target, 2030)!;

        Assert.Equal(1.5m, pace.ProjectedValue);
        Assert.Equal(onPace, pace.OnPace);
    }

    [Fact]
    public void Without_two_years_or_a_target_there_is_no_pace()
    {
        Assert.Null(Pace.Assess([(2024, 1m)], 2m, 2030));
        Assert.Null(Pace.Assess([(2023, 1m), (2024, 2m)], null, 2030));
        Assert.Null(Pace.Assess([(2023, 1m), (2024, 2m)], 5m, null));
        Assert.Null(Pace.Assess([(2024, 1m), (2024, 2m)], 5m, 2030));
    }

    [Theory]
    [InlineData("79228162514264337593543950335", "-79228162514264337593543950335")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    public void Values_too_large_to_compute_with_give_no_pace_instead_of_an_overflow(string first, string second)
    {
        var (a, b) = (decimal.Parse(first, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(second, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Null(Pace.Assess([(2023, a), (2024, b)], 1m, 2030));
    }
}
