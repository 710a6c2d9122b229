using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.FollowUps;
using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Domain.Plans;

namespace Sandviken.Strategy.Domain.Documents;

/// <summary>
/// What the plan's Word document says: a decided version (<see cref="Decided"/> set) or the working copy (a draft that
/// is not decided). Built by <see cref="PlanDocumentReader"/>; the web host only turns it into a file.
/// </summary>
/// <param name="ReadAtUtc">When the values and follow-ups were read: they are not part of what was decided.</param>
public sealed record PlanDocument(
    string MunicipalityName,
    string OrganisationSlug,
    string OrganisationName,
    OrganisationKind OrganisationKind,
    int BudgetYear,
    DecidedVersion? Decided,
    PlanStatus? WorkingCopyStatus,
    IReadOnlyList<DocumentArea> Areas,
    DateTime ReadAtUtc)
{
    public bool IsWorkingCopy => Decided is null;

    /// <summary>Every goal once, in the plan's order.</summary>
    public IEnumerable<DocumentGoal> Goals => Areas.SelectMany(a => a.Goals);

    /// <summary>Whether any latest value shown came from Kolada, whose terms ask for "Källa: Kolada".</summary>
    public bool ShowsKoladaValues => Goals.SelectMany(g => g.Indicators).Any(i => i.Latest?.IsFromKolada == true);
}

/// <summary>The frozen version and the decision that made it, as the public plan page shows them.</summary>
public sealed record DecidedVersion(
    int Number,
    DecisionKind Kind,
    DateTime CreatedAtUtc,
    string ContentSha256,
    DateOnly DecidedOn,
    string DecidedBy,
    string Reference);

/// <summary>
/// One strategic area: the goals whose first area it is (each goal is written once), and the titles of goals written
/// under another area that also serve this one.
/// </summary>
public sealed record DocumentArea(string Slug, string Title, IReadOnlyList<DocumentGoal> Goals, IReadOnlyList<string> AlsoLinkedGoals);

public sealed record DocumentGoal(
    string Title,
    string? Description,
    IReadOnlyList<string> AreaTitles,
    IReadOnlyList<DocumentIndicator> Indicators,
    DocumentFollowUp? FollowUp);

public sealed record DocumentIndicator(
    string Name,
    string Unit,
    IndicatorDirection Direction,
    decimal? BaselineValue,
    int? BaselineYear,
    decimal? TargetValue,
    int? TargetYear,
    string? KoladaKpiId,
    DocumentValue? Latest);

/// <summary>The latest value of an indicator: the latest period, and of its sources the one fetched last.</summary>
public sealed record DocumentValue(string Period, decimal Value, string Source, DateTime FetchedAtUtc)
{
    public bool IsFromKolada => string.Equals(Source, Kolada.KoladaImporter.Source, StringComparison.Ordinal);

    public static DocumentValue? LatestOf(IEnumerable<MeasurementPoint> points) =>
        points.OrderByDescending(p => p.Period, StringComparer.Ordinal).ThenByDescending(p => p.FetchedAtUtc)
            .Select(p => new DocumentValue(p.Period, p.Value, p.Source, p.FetchedAtUtc))
            .FirstOrDefault();
}

/// <param name="RecordedBy">Who recorded it: given in the workspace's document only, as the public pages name no one.</param>
public sealed record DocumentFollowUp(FollowUpPoint Point, Assessment Assessment, string? Comment, DateTime RecordedAtUtc, string? RecordedBy);
