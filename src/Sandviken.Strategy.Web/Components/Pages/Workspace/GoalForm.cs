using Sandviken.Strategy.Domain.Plans;

namespace Sandviken.Strategy.Web.Components.Pages.Workspace;

/// <summary>The goal editor's mutable model; becomes a <see cref="GoalInput"/> when saved.</summary>
public sealed class GoalForm
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
            BaselineValue = i.BaselineValue,
            BaselineYear = i.BaselineYear,
            TargetValue = i.TargetValue,
            TargetYear = i.TargetYear,
            KoladaKpiId = i.KoladaKpiId,
            Id = i.Id,
        }));
        return form;
    }

    public GoalInput ToInput() => new(
        Title,
        Description,
        [.. AreaIds.Order()],
        [.. Indicators.Select(i => new IndicatorInput(i.Name, i.Unit, i.Direction, i.BaselineValue, i.BaselineYear, i.TargetValue, i.TargetYear, i.KoladaKpiId, i.Id))]);
}

public sealed class IndicatorForm
{
    public string Name { get; set; } = "";

    public string Unit { get; set; } = "";

    public IndicatorDirection Direction { get; set; } = IndicatorDirection.Increase;

    public decimal? BaselineValue { get; set; }

    public int? BaselineYear { get; set; }

    public decimal? TargetValue { get; set; }

    public int? TargetYear { get; set; }

    public string? KoladaKpiId { get; set; }

    /// <summary>The stored indicator, so that its measurements follow it; null for a new one.</summary>
    public int? Id { get; set; }
}
