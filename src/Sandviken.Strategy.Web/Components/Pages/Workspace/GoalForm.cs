using Microsoft.AspNetCore.Components.Forms;
using Sandviken.Strategy.Domain.Plans;
using Sandviken.Strategy.Web.Components.Forms;
using Sandviken.Strategy.Web.Components.Shared;

namespace Sandviken.Strategy.Web.Components.Pages.Workspace;

/// <summary>The goal editor's mutable model; becomes a <see cref="GoalInput"/> when saved.</summary>
public sealed class GoalForm : IChecksFields
{
    public string Title { get; set; } = "";

    public string? Description { get; set; }

    public HashSet<int> AreaIds { get; } = [];

    public List<IndicatorForm> Indicators { get; } = [];

    public static GoalForm From(GoalInput? input)
    {
        var form = new GoalForm { Title = input?.Title ?? "", Description = input?.Description };
        form.AreaIds.UnionWith(input?.AreaIds ?? []);
        form.Indicators.AddRange((input?.Indicators ?? []).Select(i => new IndicatorForm
        {
            Name = i.Name,
            Unit = i.Unit,
            Direction = i.Direction,
            BaselineValue = new DecimalEntry(i.BaselineValue),
            BaselineYear = new YearEntry(i.BaselineYear),
            TargetValue = new DecimalEntry(i.TargetValue),
            TargetYear = new YearEntry(i.TargetYear),
            KoladaKpiId = i.KoladaKpiId,
            Id = i.Id,
        }));
        return form;
    }

    public void ToggleArea(int areaId, bool isChecked)
    {
        if (isChecked)
        {
            AreaIds.Add(areaId);
        }
        else
        {
            AreaIds.Remove(areaId);
        }
    }

    /// <summary>
    /// A required field the user left empty says so at once; everything else is checked by the domain on save.
    /// (Nothing is said about a field before the user has changed it.)
    /// </summary>
    public string? Check(FieldIdentifier field) => (field.Model, field.FieldName) switch
    {
        (GoalForm goal, nameof(Title)) when string.IsNullOrWhiteSpace(goal.Title) => "Ange en rubrik för målet.",
        (IndicatorForm indicator, nameof(IndicatorForm.Name)) when string.IsNullOrWhiteSpace(indicator.Name) => "Ange indikatorns namn.",
        (IndicatorForm indicator, nameof(IndicatorForm.Unit)) when string.IsNullOrWhiteSpace(indicator.Unit) => "Ange en enhet, till exempel procent eller antal.",
        _ => null,
    };

    /// <summary>True when every number typed can be read; only then may <see cref="ToInput"/> be called.</summary>
    public bool NumbersAreReadable => Indicators.All(i => i.Numbers.All(n => n.Error is null));

    public GoalInput ToInput() => new(
        Title,
        Description,
        [.. AreaIds.Order()],
        [.. Indicators.Select(i => new IndicatorInput(i.Name, i.Unit, i.Direction, i.BaselineValue.Value, i.BaselineYear.Value, i.TargetValue.Value, i.TargetYear.Value, i.KoladaKpiId, i.Id))]);
}

public sealed class IndicatorForm
{
    public string Name { get; set; } = "";

    public string Unit { get; set; } = "";

    public IndicatorDirection Direction { get; set; } = IndicatorDirection.Increase;

    // Kept as typed (see NumberEntry): text that cannot be read stays on screen and stops the save.
    public DecimalEntry BaselineValue { get; init; } = new();

    public YearEntry BaselineYear { get; init; } = new();

    public DecimalEntry TargetValue { get; init; } = new();

    public YearEntry TargetYear { get; init; } = new();

    public IEnumerable<INumberEntry> Numbers => [BaselineValue, BaselineYear, TargetValue, TargetYear];

    public string? KoladaKpiId { get; set; }

    /// <summary>The stored indicator, so that its measurements follow it; null for a new one.</summary>
    public int? Id { get; set; }
}
