using Sandviken.Strategy.Domain.Tests.Infrastructure;
using System.Globalization;
using CsCheck;
using Sandviken.Strategy.Domain.FollowUps;
using Sandviken.Strategy.Domain.Validation;
using Xunit.Abstractions;

namespace Sandviken.Strategy.Domain.Tests.Properties;

/// <summary>Generated follow-ups and measured values through <see cref="FollowUpService"/>.</summary>
public sealed class FollowUpInputProperties(PropertyDatabase fixture, ITestOutputHelper output) : IClassFixture<PropertyDatabase>
{
    [Fact]
    public async Task Follow_ups_are_refused_with_a_message_or_read_back_exactly()
    {
        var planId = await fixture.NewPlanAsync();
        var goalId = (await fixture.Services.Workspace.ReadPlanAsync(fixture.Administrator, planId)).Goals.Single().Id;
        var comments = Gen.Frequency(
            (1, Gen.Const((string?)null)),
            (3, Generated.Field(FieldLimits.FollowUpCommentMaxLength, savedOneIn: 3).Select(t => (string?)t)));
        var inputs = Gen.Select(Generated.EnumValue<FollowUpPoint>(), Generated.EnumValue<Assessment>(), comments, (point, assessment, comment) => new FollowUpInput(point, assessment, comment));

        var tally = await Property.ForEachAsync(inputs, async input =>
        {
            await fixture.Services.FollowUps.RecordFollowUpAsync(fixture.Administrator, goalId, input, await fixture.Database.FollowUpTokenAsync(goalId, input.Point));

            var stored = (await fixture.Services.Workspace.ReadPlanAsync(fixture.Administrator, planId)).FollowUps.Single(f => f.GoalId == goalId && f.Point == input.Point);
            Assert.Equal(input.Assessment, stored.Assessment);
            Assert.Equal(string.IsNullOrWhiteSpace(input.Comment) ? null : input.Comment.Trim(), stored.Comment);
        });

        output.WriteLine(tally.ToString());
        tally.AssertCovered();
    }

    [Fact]
    public async Task Measured_values_are_refused_with_a_message_or_read_back_exactly()
    {
        var planId = await fixture.NewPlanAsync();
        var indicatorId = (await fixture.Services.Workspace.ReadPlanAsync(fixture.Administrator, planId)).Goals.Single().Input.Indicators.Single().Id!.Value;
        var periods = Gen.Frequency(
            (3, Generated.AnyText),
            (1, Generated.Year.Select(y => y.ToString(CultureInfo.InvariantCulture))),
            (1, Gen.OneOf("2025", "02025", " 2025 ", "2025\0", "2025\u200b", "٢٠٢٥", "２０２５", "2 025", "+2025", "-2025", "2025.0", "1899", "1900", "2026", "2027", "99999999999")));
        var inputs = Gen.Select(periods, Generated.OptionalNumber, (period, value) => new MeasurementInput(period, value));

        var tally = await Property.ForEachAsync(inputs, async input =>
        {
            await fixture.Services.FollowUps.RecordMeasurementAsync(fixture.Administrator, indicatorId, input, await fixture.Database.MeasurementTokenAsync(indicatorId, MeasurementPeriod.Normalise(input.Period)));

            // The period as typed (trimmed), or as the year it names once years are normalised ("02025" is 2025).
            var period = input.Period.Trim();
            var year = int.Parse(period, NumberStyles.None, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
            var values = (await fixture.Services.Workspace.ReadPlanAsync(fixture.Administrator, planId)).Measurements
                .Where(m => m.IndicatorId == indicatorId && m.Source == FollowUpService.ManualSource).ToList();
            var stored = values.FirstOrDefault(m => m.Period == period) ?? values.Single(m => m.Period == year);
            Assert.Equal(input.Value, stored.Value);
        });

        output.WriteLine(tally.ToString());
        tally.AssertCovered();
    }
}
