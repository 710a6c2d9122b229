using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Domain.Plans;

namespace Sandviken.Strategy.Domain.Seeding;

// The shapes of the two seed files (camelCase JSON). docs/seed-data.md describes them for a municipality
// that replaces Sandviken's files with its own.

/// <summary>The municipality's own facts: the mandate periods with their areas, and the planning cycles.</summary>
public sealed record MunicipalitySeed(
    MunicipalityFacts Municipality,
    IReadOnlyList<MandatePeriodSeed> MandatePeriods,
    IReadOnlyList<PlanningCycleSeed> PlanningCycles);

public sealed record MunicipalityFacts(
    string Code,
    string Name,
    string? Vision,
    bool VisionIsIncomplete,
    DateOnly? VisionDecidedOn);

public sealed record MandatePeriodSeed(
    string Name,
    int StartYear,
    int EndYear,
    DateOnly AreasDecidedOn,
    string AreasDecidedBy,
    IReadOnlyList<AreaSeed> Areas);

public sealed record AreaSeed(
    string Slug,
    string Title,
    string Lead,
    string Body,
    IReadOnlyList<AmbitionSeed>? Ambitions);

public sealed record AmbitionSeed(
    string Text,
    decimal? TargetValue,
    string? Unit,
    int? TargetYear,
    string? KoladaKpiId);

public sealed record PlanningCycleSeed(int BudgetYear, DateOnly DraftDeadline, DateOnly FinalDeadline);

/// <summary>Demonstration organisations and plans: every row it adds is flagged as demo content.</summary>
public sealed record DemoSeed(IReadOnlyList<DemoOrganisationSeed> Organisations);

public sealed record DemoOrganisationSeed(
    string Slug,
    string Name,
    OrganisationKind Kind,
    string? Parent,
    IReadOnlyList<DemoGoalSeed>? Goals,
    IReadOnlyList<DemoPlanSeed>? Plans);

/// <summary>
/// A goal that appears in each of the organisation's plans from <see cref="FromYear"/> to <see cref="UntilYear"/>.
/// <see cref="AddedAfterDraftIn"/> leaves it out of that year's April draft, so that draft and final differ.
/// </summary>
public sealed record DemoGoalSeed(
    string Title,
    string? Description,
    IReadOnlyList<string> Areas,
    int? FromYear,
    int? UntilYear,
    int? AddedAfterDraftIn,
    IReadOnlyList<DemoIndicatorSeed>? Indicators,
    IReadOnlyList<DemoFollowUpSeed>? FollowUps = null);

public sealed record DemoIndicatorSeed(
    string Name,
    string Unit,
    IndicatorDirection Direction,
    decimal? BaselineValue,
    int? BaselineYear,
    decimal? TargetValue,
    int? TargetYear,
    string? KoladaKpiId,
    IReadOnlyList<DemoMeasurementSeed>? Measurements = null);

/// <summary>An invented value of a demo indicator, stored with the source "Exempeldata".</summary>
public sealed record DemoMeasurementSeed(string Period, decimal Value);

/// <summary>An invented follow-up of a demo goal in one budget year's plan.</summary>
public sealed record DemoFollowUpSeed(int BudgetYear, FollowUps.FollowUpPoint Point, FollowUps.Assessment Assessment, string? Comment);

/// <summary>One budget year's plan; a missing decision has not been taken.</summary>
public sealed record DemoPlanSeed(int BudgetYear, DemoDecisionSeed? Draft, DemoDecisionSeed? Final);

public sealed record DemoDecisionSeed(DateOnly DecidedOn, string Reference, string? DecidedBy);
