using Sandviken.Strategy.Domain.Tests.Infrastructure;
using CsCheck;
using Xunit.Abstractions;
using Sandviken.Strategy.Domain.Plans;
using Sandviken.Strategy.Domain.Validation;

namespace Sandviken.Strategy.Domain.Tests.Properties;

/// <summary>Generated goals through <see cref="PlanEditingService"/>: refused in Swedish or saved and read back exactly.</summary>
public sealed class GoalInputProperties(PropertyDatabase fixture, ITestOutputHelper output) : IClassFixture<PropertyDatabase>
{
    [Fact]
    public async Task Added_goals_are_refused_with_a_message_or_read_back_exactly()
    {
        var planId = await fixture.NewPlanAsync();
        var services = fixture.Services;

        var tally = await Property.ForEachAsync(Goals(fixture.AreaIds), async input =>
        {
            var state = await services.Editing.AddGoalAsync(fixture.Administrator, planId, input);

            await AssertReadBackAsync(planId, state.Id, input);
            // Removed again, so that the plan stays small and every read-back reads a few goals.
            await services.Editing.RemoveGoalAsync(fixture.Administrator, state.Id, state.ConcurrencyToken);
        });

        output.WriteLine(tally.ToString());
        tally.AssertCovered();
    }

    [Fact]
    public async Task Updated_goals_are_refused_with_a_message_or_read_back_exactly()
    {
        var planId = await fixture.NewPlanAsync();
        var services = fixture.Services;
        var current = (await services.Workspace.ReadPlanAsync(fixture.Administrator, planId)).Goals.Single();

        // Now and then the input keeps the goal's stored indicators by id, as the editor does.
        var inputs = Gen.Select(Goals(fixture.AreaIds), Gen.Int[0, 3], (input, keep) => (Input: input, Keep: keep));
        var tally = await Property.ForEachAsync(inputs, async generated =>
        {
            var input = generated.Input;
            if (generated.Keep == 0)
            {
                input = input with { Indicators = [.. input.Indicators, .. current.Input.Indicators] };
            }

            current = await services.Editing.UpdateGoalAsync(fixture.Administrator, current.Id, current.ConcurrencyToken, input);

            var stored = await AssertReadBackAsync(planId, current.Id, input);
            Assert.Equal(current.ConcurrencyToken, stored.ConcurrencyToken);
            current = stored;
        });

        output.WriteLine(tally.ToString());
        tally.AssertCovered();
    }

    internal static Gen<GoalInput> Goals(IReadOnlyList<int> areaIds)
    {
        var areas = Gen.Frequency(
            (6, Gen.Int[0, areaIds.Count - 1].Array[1, 4].Select(indexes => (IReadOnlyList<int>)[.. indexes.Select(i => areaIds[i])])),
            (1, Gen.Const((IReadOnlyList<int>)[])),
            (1, Gen.Int.Array[1, 3].Select(ids => (IReadOnlyList<int>)ids)));
        var indicator = Gen.Select(
            Generated.AnyText,
            Generated.AnyText,
            Generated.EnumValue<IndicatorDirection>(),
            Generated.OptionalNumber,
            Generated.OptionalYear,
            Generated.OptionalNumber,
            Generated.OptionalYear,
            Generated.KpiId,
            (name, unit, direction, baseline, baselineYear, target, targetYear, kpi) =>
                new IndicatorInput(name, unit, direction, baseline, baselineYear, target, targetYear, kpi));
        var indicators = Gen.Frequency(
            (10, indicator.Array[0, 2].Select(list => (IReadOnlyList<IndicatorInput>)list)),
            (1, indicator.Array[21, 22].Select(list => (IReadOnlyList<IndicatorInput>)list)));
        return Gen.Select(Generated.Field(FieldLimits.GoalTitleMaxLength, savedOneIn: 3), Generated.OptionalText, areas, indicators, (title, description, ids, list) => new GoalInput(title, description, ids, list));
    }

    /// <summary>The goal as the workspace reads it equals the input as the domain normalises it (trimmed, nothing else).</summary>
    private async Task<GoalState> AssertReadBackAsync(int planId, int goalId, GoalInput input)
    {
        var stored = (await fixture.Services.Workspace.ReadPlanAsync(fixture.Administrator, planId)).Goals.Single(g => g.Id == goalId);
        Assert.Equal(input.Title.Trim(), stored.Input.Title);
        Assert.Equal(string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim(), stored.Input.Description);
        Assert.Equal(input.AreaIds.Distinct().Order(), stored.Input.AreaIds);
        Assert.Equal(input.Indicators.Count, stored.Input.Indicators.Count);
        foreach (var (sent, read) in input.Indicators.Zip(stored.Input.Indicators))
        {
            Assert.Equal(sent.Name.Trim(), read.Name);
            Assert.Equal(sent.Unit.Trim(), read.Unit);
            Assert.Equal(
                (sent.Direction, sent.BaselineValue, sent.BaselineYear, sent.TargetValue, sent.TargetYear),
                (read.Direction, read.BaselineValue, read.BaselineYear, read.TargetValue, read.TargetYear));
            Assert.Equal(string.IsNullOrWhiteSpace(sent.KoladaKpiId) ? null : sent.KoladaKpiId.Trim().ToUpperInvariant(), read.KoladaKpiId);
        }

        return stored;
    }
}
