using Sandviken.Strategy.Domain.Administration;

namespace Sandviken.Strategy.Web.Components.Pages.Admin;

public sealed class AmbitionForm
{
    public string Text { get; set; } = "";

    public decimal? TargetValue { get; set; }

    public string? Unit { get; set; }

    public int? TargetYear { get; set; }

    public string? KoladaKpiId { get; set; }

    public static AmbitionForm From(AmbitionRow row) =>
        new() { Text = row.Text, TargetValue = row.TargetValue, Unit = row.Unit, TargetYear = row.TargetYear, KoladaKpiId = row.KoladaKpiId };

    public AmbitionInput ToInput() => new(Text, TargetValue, Unit, TargetYear, KoladaKpiId);
}
