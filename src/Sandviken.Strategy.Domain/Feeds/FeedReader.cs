using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Organisations;

namespace Sandviken.Strategy.Domain.Feeds;

/// <summary>One recorded decision and the version it froze, as a feed entry shows it.</summary>
public sealed record DecisionEntry(
    string OrganisationSlug,
    string OrganisationName,
    OrganisationKind OrganisationKind,
    int BudgetYear,
    DecisionKind Kind,
    DateOnly DecidedOn,
    string DecidedBy,
    string Reference,
    DateTime RecordedAtUtc,
    int VersionNumber,
    string ContentSha256);

/// <summary>A feed of decisions: the whole municipality's (<paramref name="Organisation"/> null) or one organisation's.</summary>
public sealed record DecisionFeedModel(
    string MunicipalityCode,
    string MunicipalityName,
    FeedOrganisation? Organisation,
    IReadOnlyList<DecisionEntry> Entries);

public sealed record FeedOrganisation(string Slug, string Name, OrganisationKind Kind);

/// <summary>The planning cycles for the calendar and the catalogue.</summary>
public sealed record PlanningDatesModel(
    string MunicipalityCode,
    string MunicipalityName,
    IReadOnlyList<CycleDeadlines> Cycles,
    DateTime? LatestDecisionUtc);

public sealed record CycleDeadlines(int BudgetYear, DateOnly DraftDeadline, DateOnly FinalDeadline);

/// <summary>
/// The reader of the feeds, the calendar and the catalogue. Decisions are public, so every recorded decision is an
/// entry; the working copy never is. Each method sends at most two SQL commands whatever the amount of data.
/// </summary>
public sealed class FeedReader(IDbContextFactory<StrategyDbContext> dbFactory)
{
    /// <summary>The most entries a feed holds: readers poll, and a year of a large municipality's decisions fits.</summary>
    public const int MaxEntries = 100;

    /// <param name="organisationSlug">Null for the whole municipality.</param>
    /// <returns>Null when there is no such organisation (or no municipality yet).</returns>
    public async Task<DecisionFeedModel?> ReadDecisionsAsync(string? organisationSlug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var municipality = await db.Municipalities.AsNoTracking().OrderBy(m => m.Id)
            .Select(m => new
            {
                m.Id, m.Code, m.Name,
                Organisation = organisationSlug == null ? null : db.Organisations
                    .Where(o => o.MunicipalityId == m.Id && o.Slug == organisationSlug)
                    .Select(o => new FeedOrganisation(o.Slug, o.Name, o.Kind))
                    .FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        if (municipality is null || (organisationSlug is not null && municipality.Organisation is null))
        {
            return null;
        }

        var decisions = db.Decisions.AsNoTracking().Where(d => d.Plan.Organisation.MunicipalityId == municipality.Id);
        if (organisationSlug is not null)
        {
            decisions = decisions.Where(d => d.Plan.Organisation.Slug == organisationSlug);
        }

        // Latest first; the id breaks ties between decisions recorded in the same instant.
        var entries = await decisions
            .OrderByDescending(d => d.RecordedAtUtc).ThenByDescending(d => d.Id)
            .Take(MaxEntries)
            .Select(d => new DecisionEntry(
                d.Plan.Organisation.Slug, d.Plan.Organisation.Name, d.Plan.Organisation.Kind, d.Plan.BudgetYear,
                d.Kind, d.DecidedOn, d.DecidedBy, d.Reference, d.RecordedAtUtc, d.PlanVersion.Number, d.PlanVersion.ContentSha256))
            .ToListAsync(ct);
        return new DecisionFeedModel(municipality.Code, municipality.Name, municipality.Organisation, entries);
    }

    /// <returns>Null before the seed has loaded a municipality.</returns>
    public async Task<PlanningDatesModel?> ReadPlanningDatesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var municipality = await db.Municipalities.AsNoTracking().OrderBy(m => m.Id)
            .Select(m => new
            {
                m.Code, m.Name,
                Cycles = db.PlanningCycles.Where(c => c.MunicipalityId == m.Id)
                    .OrderBy(c => c.BudgetYear)
                    .Select(c => new CycleDeadlines(c.BudgetYear, c.DraftDeadline, c.FinalDeadline))
                    .ToList(),
                LatestDecision = db.Decisions.Where(d => d.Plan.Organisation.MunicipalityId == m.Id)
                    .OrderByDescending(d => d.RecordedAtUtc)
                    .Select(d => (DateTime?)d.RecordedAtUtc)
                    .FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        return municipality is null
            ? null
            : new PlanningDatesModel(municipality.Code, municipality.Name, municipality.Cycles,
                municipality.LatestDecision is { } latest ? DateTime.SpecifyKind(latest, DateTimeKind.Utc) : null);
    }
}
