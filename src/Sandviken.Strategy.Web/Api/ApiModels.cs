using System.Text.Json;
using Sandviken.Strategy.Domain.Dashboard;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.FollowUps;
using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Domain.Planning;
using Sandviken.Strategy.Domain.Plans;

namespace Sandviken.Strategy.Web.Api;

// The answers of /api/v1. Field names are English camelCase; codes (kind, status, state) are stable English words in
// camelCase with a Swedish ...Label beside them; text is the municipality's own Swedish. docs/open-data.md describes
// every field; ADR 0035 gives the reasons.

/// <summary>The entry point: what the API is, under which licence, and where each resource is.</summary>
public sealed record ApiIndex(string Title, string Description, string Publisher, Uri Licence, string Attribution, IReadOnlyList<ApiLink> Links);

public sealed record ApiLink(string Rel, Uri Href, string Title);

/// <summary>One page of a list that can grow.</summary>
public sealed record ApiPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount, int TotalPages, PageLinks Links);

/// <summary>Absolute addresses of this page, the first and last, and the next and previous (null at the ends).</summary>
public sealed record PageLinks(Uri Self, Uri First, Uri Last, Uri? Next, Uri? Previous);

/// <summary>A list that stays short (mandate periods, organisations): all of it at once.</summary>
public sealed record ApiList<T>(IReadOnlyList<T> Items, int TotalCount);

public sealed record PeriodItem(
    int Id, string Name, int StartYear, int EndYear, DateOnly AreasDecidedOn, string AreasDecidedBy, IReadOnlyList<AreaItem> Areas, Uri Self);

public sealed record AreaItem(string Slug, string Title, string Lead, string Body, Uri PageUrl, IReadOnlyList<AmbitionItem> Ambitions);

/// <param name="Attribution">"Källa: Kolada" when any value comes from Kolada, as Kolada's terms ask; else null.</param>
public sealed record AmbitionItem(
    int Id, string Text, decimal? TargetValue, string? Unit, int? TargetYear, string? KoladaKpiId, IReadOnlyList<ValueItem> Values, string? Attribution);

/// <summary>One value of a key figure or indicator: the period (a year), the value, where it came from and when.</summary>
public sealed record ValueItem(string Period, decimal Value, string Source, DateTime FetchedAt);

public sealed record OrganisationItem(
    string Slug, string Name, OrganisationKind Kind, string KindLabel, string? ParentSlug, bool IsActive, bool IsDemo,
    IReadOnlyList<int> DecidedYears, Uri PageUrl, Uri Self);

public sealed record OrganisationDetail(
    string Slug, string Name, OrganisationKind Kind, string KindLabel, string? ParentSlug, bool IsActive, bool IsDemo,
    IReadOnlyList<OrganisationYearItem> Years, Uri PageUrl, Uri Self);

/// <summary>One budget year of an organisation: the plan's status and the April and September decisions.</summary>
/// <param name="PlanId">The plan's id when it has a decided version (the API publishes no other plan); else null.</param>
public sealed record OrganisationYearItem(
    int BudgetYear, int? PlanId, PlanStatus Status, string StatusLabel, DecisionCellItem Draft, DecisionCellItem Final, Uri? Plan);

/// <summary>The state of one decision of a year (Beslutad, Ej beslutad, Försenad, Ej aktuell) and the decision when there is one.</summary>
public sealed record DecisionCellItem(DecisionState State, string StateLabel, DateOnly? DecidedOn, string? DecidedBy, string? Reference, int? VersionNumber);

public sealed record PlanItem(
    int Id, string Organisation, string OrganisationName, OrganisationKind OrganisationKind, int BudgetYear,
    PlanStatus Status, string StatusLabel, int LatestVersion, DecisionKind LatestVersionKind, int GoalCount, Uri PageUrl, Uri Self);

public sealed record PlanDetail(
    int Id, string Organisation, string OrganisationName, OrganisationKind OrganisationKind, int BudgetYear,
    PlanStatus Status, string StatusLabel, DecisionCellItem Draft, DecisionCellItem Final,
    IReadOnlyList<DecisionItem> Decisions, IReadOnlyList<VersionItem> Versions, int LatestVersion, Uri Goals, Uri PageUrl, Uri Self);

public sealed record VersionItem(int Number, DecisionKind Kind, string KindLabel, DateTime CreatedAt, string ContentSha256, Uri Self);

/// <param name="Content">The frozen content as stored (camelCase, enum values as in the stored text).</param>
/// <param name="ContentUrl">The stored text byte for byte: its SHA-256 is <paramref name="ContentSha256"/>.</param>
public sealed record VersionDetail(
    int PlanId, string Organisation, int BudgetYear, int Number, DecisionKind Kind, string KindLabel, DateTime CreatedAt,
    string ContentSha256, DecisionItem? Decision, JsonElement Content, Uri ContentUrl, Uri Self);

public sealed record DecisionItem(
    int Id, int PlanId, string Organisation, string OrganisationName, int BudgetYear, DecisionKind Kind, string KindLabel,
    DateOnly DecidedOn, string DecidedBy, string Reference, int VersionNumber, Uri Version);

public sealed record AreaLink(string Slug, string Title);

/// <summary>A decided goal: from the latest decided version of its plan.</summary>
public sealed record GoalItem(
    int Id, int PlanId, string Organisation, string OrganisationName, int BudgetYear, int VersionNumber, DecisionKind VersionKind,
    string Title, string? Description, IReadOnlyList<AreaLink> Areas, IReadOnlyList<GoalIndicatorItem> Indicators, Uri Plan);

/// <param name="Id">The indicator's id (null in versions frozen before ids were kept).</param>
public sealed record GoalIndicatorItem(
    int? Id, string Name, string Unit, IndicatorDirection Direction, string DirectionLabel,
    decimal? BaselineValue, int? BaselineYear, decimal? TargetValue, int? TargetYear, string? KoladaKpiId);

public sealed record IndicatorItem(
    int? Id, int GoalId, string GoalTitle, int PlanId, string Organisation, int BudgetYear, string Name, string Unit,
    IndicatorDirection Direction, string DirectionLabel, decimal? BaselineValue, int? BaselineYear, decimal? TargetValue, int? TargetYear,
    string? KoladaKpiId, IReadOnlyList<ValueItem> Values, string? Attribution);

public sealed record FollowUpItem(
    int GoalId, string GoalTitle, int PlanId, string Organisation, int BudgetYear,
    FollowUpPoint Point, string PointLabel, Assessment Assessment, string AssessmentLabel, string? Comment);

public sealed record DecisionStatusAnswer(
    int BudgetYear, DateOnly DraftDeadline, DateOnly FinalDeadline, int DraftsDecided, int FinalsDecided, int DraftsOverdue, int FinalsOverdue,
    IReadOnlyList<DecisionStatusItem> Organisations, Uri PageUrl);

public sealed record DecisionStatusItem(string Organisation, string Name, OrganisationKind Kind, DecisionCellItem Draft, DecisionCellItem Final);

public sealed record CoverageAnswer(
    int BudgetYear, IReadOnlyList<AreaTotalItem> Areas, IReadOnlyList<CoverageItem> Organisations, int GrandTotal, int Gaps, Uri PageUrl);

public sealed record AreaTotalItem(string Slug, string Title, int Goals);

public sealed record CoverageItem(string Organisation, string Name, OrganisationKind Kind, bool HasDecidedPlan, IReadOnlyList<AreaCountItem> Areas, int Total);

public sealed record AreaCountItem(string Area, int Goals);
