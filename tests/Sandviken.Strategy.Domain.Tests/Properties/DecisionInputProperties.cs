using Sandviken.Strategy.Domain.Tests.Infrastructure;
using System.Text.Json;
using CsCheck;
using Sandviken.Strategy.Domain.Auditing;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Validation;
using Xunit.Abstractions;

namespace Sandviken.Strategy.Domain.Tests.Properties;

/// <summary>Generated decisions and reasons to reopen through <see cref="DecisionService"/>.</summary>
public sealed class DecisionInputProperties(PropertyDatabase fixture, ITestOutputHelper output) : IClassFixture<PropertyDatabase>
{
    [Fact]
    public async Task Decisions_are_refused_with_a_message_or_read_back_exactly()
    {
        var planId = await fixture.NewPlanAsync();
        var inputs = Gen.Select(
            Generated.EnumValue<DecisionKind>(),
            // Mostly within the dates a 2026 plan's decisions may have (1 January 2025 to today), else any date.
            Gen.Frequency((2, Gen.Int[0, 694].Select(days => (DateOnly?)new DateOnly(2025, 1, 1).AddDays(days))), (1, Generated.Date)),
            Generated.Field(FieldLimits.DecidedByMaxLength, savedOneIn: 2),
            Generated.Field(FieldLimits.DecisionReferenceMaxLength, savedOneIn: 2),
            (kind, on, by, reference) => new DecisionInput(kind, on, by, reference));

        var tally = await Property.ForEachAsync(inputs, async input =>
        {
            var version = await fixture.Services.Decisions.RecordDecisionAsync(fixture.Administrator, planId, input);

            var copy = await fixture.Services.Workspace.ReadPlanAsync(fixture.Administrator, planId);
            var stored = copy.Decisions.Single(d => d.VersionNumber == version);
            Assert.Equal(
                (input.Kind, input.DecidedOn!.Value, input.DecidedBy.Trim(), input.Reference.Trim()),
                (stored.Kind, stored.DecidedOn, stored.DecidedBy, stored.Reference));
            if (copy.Status == Domain.Plans.PlanStatus.Final)
            {
                planId = await fixture.NewPlanAsync(); // a fastställd plan takes no more decisions
            }
        });

        output.WriteLine(tally.ToString());
        tally.AssertCovered();
    }

    [Fact]
    public async Task Reasons_to_reopen_are_refused_with_a_message_or_read_back_exactly()
    {
        var planId = await FinalPlanAsync();
        var reopened = 0;
        // Mostly too short (under 10 characters once trimmed) or too long, so that a sample is saved.
        var reasons = Gen.Frequency(
            (1, Generated.AnyText),
            (2, Generated.AnyText.Select(t => t.Length > 12 ? t[..(t.Length % 12)] : t)),
            (1, Generated.Field(2000, savedOneIn: 100)));

        var tally = await Property.ForEachAsync(reasons, async reason =>
        {
            await fixture.Services.Decisions.ReopenAsync(fixture.Administrator, planId, reason);

            var entry = (await fixture.Services.Workspace.ReadHistoryAsync(fixture.Administrator, planId))[0];
            Assert.Equal(AuditActions.PlanReopen, entry.Action);
            Assert.Equal(reason.Trim(), JsonDocument.Parse(entry.After!).RootElement.GetProperty("Reason").GetString());

            // Back to fastställd for the next input; a fresh plan now and then keeps the history short.
            if (++reopened % 20 == 0)
            {
                planId = await FinalPlanAsync();
            }
            else
            {
                await fixture.Services.Decisions.RecordDecisionAsync(
                    fixture.Administrator, planId, new DecisionInput(DecisionKind.Final, DateOnly.FromDateTime(fixture.Database.Clock.GetUtcNow().Date), "Nämnden", "§ 3"));
            }
        });

        output.WriteLine(tally.ToString());
        tally.AssertCovered();
    }

    private async Task<int> FinalPlanAsync()
    {
        var planId = await fixture.NewPlanAsync();
        await fixture.DecideAsync(planId);
        return planId;
    }
}
