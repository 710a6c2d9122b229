using Sandviken.Strategy.Domain.Administration;
using Sandviken.Strategy.Web.Components.Shared;

namespace Sandviken.Strategy.Web.Components.Pages.Admin;

public sealed class AmbitionForm
{
    public string Text { get; set; } = "";

    // Kept as typed (see NumberEntry): text that cannot be read stays on screen and stops the save.
    public DecimalEntry TargetValue { get; init; } = new();

    public string? Unit { get; set; }

    public YearEntry TargetYear { get; init; } = new();

    public string? KoladaKpiId { get; set; }

    /// <summary>The ambition's token when the editor was opened, null for a new ambition (ADR 0032).</summary>
    public Guid? ConcurrencyToken { get; init; }

    public static AmbitionForm From(AmbitionRow row) =>
        new()
        {
            Text = row.Text,
            TargetValue = new DecimalEntry(row.TargetValue),
            Unit = row.Unit,
            TargetYear = new YearEntry(row.TargetYear),
            KoladaKpiId = row.KoladaKpiId,
            ConcurrencyToken = row.ConcurrencyToken,
        };

    /// <summary>True when the target value and year can be read; only then may <see cref="ToInput"/> be called.</summary>
    public bool NumbersAreReadable => TargetValue.Error is null && TargetYear.Error is null;

    public AmbitionInput ToInput() => new(Text, TargetValue.Value, Unit, TargetYear.Value, KoladaKpiId);
}
