using Sandviken.Strategy.Domain.Auditing;

namespace Sandviken.Strategy.Domain.Tests.Auditing;

/// <summary>The audit log's action names and their Swedish labels live side by side, so none can be forgotten.</summary>
public sealed class AuditActionLabelTests
{
    public static TheoryData<string> Actions => [.. AuditActions.All.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Actions))]
    public void Every_action_has_a_Swedish_label_of_its_own(string action)
    {
        Assert.True(AuditActions.HasLabel(action), $"{action} has no label in AuditActions.");
        var label = AuditActions.LabelOf(action);
        Assert.NotEqual(action, label);
        Assert.DoesNotContain('.', label);
        Assert.True(char.IsUpper(label[0]), label);
    }

    [Fact]
    public void No_two_actions_share_a_label()
    {
        var labels = AuditActions.All.Select(AuditActions.LabelOf).ToList();

        Assert.Equal(labels.Count, labels.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_labels_the_plan_history_has_always_shown_are_kept_and_an_unknown_action_is_shown_as_written()
    {
        Assert.Equal("Lade till ett mål", AuditActions.LabelOf(AuditActions.GoalAdd));
        Assert.Equal("Öppnade planen för revidering", AuditActions.LabelOf(AuditActions.PlanReopen));
        Assert.Equal("Registrerade ett värde för en indikator", AuditActions.LabelOf(AuditActions.MeasurementRecord));
        Assert.Equal("Seed", AuditActions.LabelOf("Seed"));
        Assert.False(AuditActions.HasLabel("Seed"));
    }
}
