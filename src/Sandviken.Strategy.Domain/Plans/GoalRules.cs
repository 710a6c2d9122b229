using System.Text.RegularExpressions;
using Sandviken.Strategy.Domain.Validation;

namespace Sandviken.Strategy.Domain.Plans;

/// <summary>Validation of a goal and its indicators, with messages in Swedish for the field they concern.</summary>
internal static partial class GoalRules
{
    public static GoalInput Normalise(GoalInput input) => input with
    {
        Title = (input.Title ?? "").Trim(),
        Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim(),
        AreaIds = [.. (input.AreaIds ?? []).Distinct()],
        Indicators = [.. (input.Indicators ?? []).Select(i => i with
        {
            Name = (i.Name ?? "").Trim(),
            Unit = (i.Unit ?? "").Trim(),
            KoladaKpiId = string.IsNullOrWhiteSpace(i.KoladaKpiId) ? null : i.KoladaKpiId.Trim().ToUpperInvariant(),
        })],
    };

    public static void Validate(GoalInput input, IReadOnlySet<int> validAreaIds)
    {
        var problems = new Problems();
        problems.Require(input.Title.Length > 0, nameof(GoalInput.Title), "Ange en rubrik för målet.");
        problems.Require(input.Title.Length <= FieldLimits.GoalTitleMaxLength, nameof(GoalInput.Title), FieldLimits.TooLong("Rubriken", FieldLimits.GoalTitleMaxLength));
        problems.Require(
            (input.Description?.Length ?? 0) <= FieldLimits.GoalDescriptionMaxLength,
            nameof(GoalInput.Description),
            FieldLimits.TooLong("Beskrivningen", FieldLimits.GoalDescriptionMaxLength));
        problems.Require(input.AreaIds.Count > 0, nameof(GoalInput.AreaIds), "Koppla målet till minst ett strategiskt område.");
        problems.Require(input.AreaIds.All(validAreaIds.Contains), nameof(GoalInput.AreaIds), "Välj bland den här mandatperiodens strategiska områden.");
        problems.Require(input.Indicators.Count <= 20, nameof(GoalInput.Indicators), "Ett mål kan ha högst 20 indikatorer.");

        for (var i = 0; i < input.Indicators.Count; i++)
        {
            var indicator = input.Indicators[i];
            var field = $"{nameof(GoalInput.Indicators)}[{i}].";
            problems.Require(indicator.Name.Length > 0, field + nameof(IndicatorInput.Name), "Ange indikatorns namn.");
            problems.Require(indicator.Name.Length <= FieldLimits.IndicatorNameMaxLength, field + nameof(IndicatorInput.Name), FieldLimits.TooLong("Namnet", FieldLimits.IndicatorNameMaxLength));
            problems.Require(indicator.Unit.Length > 0, field + nameof(IndicatorInput.Unit), "Ange en enhet, till exempel procent eller antal.");
            problems.Require(indicator.Unit.Length <= FieldLimits.IndicatorUnitMaxLength, field + nameof(IndicatorInput.Unit), FieldLimits.TooLong("Enheten", FieldLimits.IndicatorUnitMaxLength));
            problems.Require(Enum.IsDefined(indicator.Direction), field + nameof(IndicatorInput.Direction), "Välj om värdet ska öka, minska eller bibehållas.");
            problems.Check(indicator.BaselineValue, field + nameof(IndicatorInput.BaselineValue));
            problems.Check(indicator.TargetValue, field + nameof(IndicatorInput.TargetValue));
            CheckYear(problems, indicator.BaselineYear, field + nameof(IndicatorInput.BaselineYear));
            CheckYear(problems, indicator.TargetYear, field + nameof(IndicatorInput.TargetYear));
            problems.Require(indicator.BaselineValue is null || indicator.BaselineYear is not null, field + nameof(IndicatorInput.BaselineYear), "Ange vilket år utgångsvärdet gäller.");
            problems.Require(indicator.TargetValue is null || indicator.TargetYear is not null, field + nameof(IndicatorInput.TargetYear), "Ange vilket år målvärdet ska nås.");
            problems.Require(
                indicator.BaselineYear is null || indicator.TargetYear is null || indicator.TargetYear >= indicator.BaselineYear,
                field + nameof(IndicatorInput.TargetYear),
                "Målåret kan inte ligga före året för utgångsvärdet.");
            problems.Require(
                indicator.KoladaKpiId is null || KoladaKpiId().IsMatch(indicator.KoladaKpiId),
                field + nameof(IndicatorInput.KoladaKpiId),
                "Ett Kolada-id är N eller U följt av fem siffror, till exempel N01951.");
        }

        problems.ThrowIfAny();
    }

    private static void CheckYear(Problems problems, int? year, string field) =>
        problems.Require(year is null or (>= 1900 and <= 2100), field, "Ange ett årtal mellan 1900 och 2100.");

    [GeneratedRegex("^[NU][0-9]{5}$")]
    private static partial Regex KoladaKpiId();
}
