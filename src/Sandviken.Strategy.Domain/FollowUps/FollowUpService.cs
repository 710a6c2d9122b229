using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Access;
using Sandviken.Strategy.Domain.Auditing;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Plans;
using Sandviken.Strategy.Domain.Validation;

namespace Sandviken.Strategy.Domain.FollowUps;

public sealed record FollowUpInput(FollowUpPoint Point, Assessment Assessment, string? Comment);

public sealed record MeasurementInput(string Period, decimal? Value);

/// <summary>
/// Follow-up of a plan's goals and the measurements of its indicators, entered by the organisation's secretary.
/// Allowed in every status, a fastställd plan too: following up is not changing what was decided. Audited like every change.
/// </summary>
public sealed class FollowUpService(IDbContextFactory<StrategyDbContext> dbFactory, ActorLoader actors, TimeProvider time)
{
    public const string ManualSource = "Manuell";

    /// <summary>Records (or replaces) the assessment of a goal at a follow-up point.</summary>
    /// <param name="expectedToken">
    /// The token of the assessment at that point as the form showed it, or null when it showed none: an assessment
    /// saved since then refuses this one instead of being overwritten (ADR 0032).
    /// </param>
    public async Task RecordFollowUpAsync(ClaimsPrincipal user, int goalId, FollowUpInput input, Guid? expectedToken = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (actor, planId) = await AuthoriseGoalAsync(db, user, goalId, "RecordFollowUp", ct);
        var comment = string.IsNullOrWhiteSpace(input.Comment) ? null : input.Comment.Trim();
        var problems = new Problems();
        problems.Require(Enum.IsDefined(input.Point), nameof(FollowUpInput.Point), "Välj delårsrapport eller årsredovisning.");
        problems.Require(Enum.IsDefined(input.Assessment), nameof(FollowUpInput.Assessment), "Välj en bedömning.");
        problems.Require(
            (comment?.Length ?? 0) <= FieldLimits.FollowUpCommentMaxLength,
            nameof(FollowUpInput.Comment),
            FieldLimits.TooLong("Kommentaren", FieldLimits.FollowUpCommentMaxLength));
        problems.Require(
            comment is not null || input.Assessment is Assessment.Met or Assessment.NotAssessed,
            nameof(FollowUpInput.Comment),
            "Förklara i en kommentar varför målet inte är uppfyllt.");
        problems.ThrowIfAny();

        var now = time.GetUtcNow().UtcDateTime;
        var existing = await db.FollowUps.SingleOrDefaultAsync(f => f.GoalId == goalId && f.Point == input.Point, ct);
        var before = existing is null ? null : new FollowUpInput(existing.Point, existing.Assessment, existing.Comment);
        var what = input.Point == FollowUpPoint.InterimReport ? "bedömningen för delårsrapporten" : "bedömningen för årsredovisningen";
        ConcurrencyTokens.ExpectUpsert(db, existing, expectedToken, what);
        existing ??= db.FollowUps.Add(new FollowUp { GoalId = goalId, Point = input.Point, RecordedBy = actor.UserName }).Entity;
        (existing.Assessment, existing.Comment, existing.RecordedBy, existing.RecordedAtUtc) = (input.Assessment, comment, actor.UserName, now);
        Audit.Record(db, actor, now, AuditActions.FollowUpRecord, "Plan", planId,
            before is null ? null : new { GoalId = goalId, FollowUp = before },
            new { GoalId = goalId, FollowUp = input with { Comment = comment } });
        await SaveAsync(db, what, ct);
    }

    /// <summary>Records (or corrects) the value of an indicator for a period, by hand.</summary>
    /// <param name="expectedToken">
    /// The token of the hand-entered value for that period as the form showed it, or null when it showed none: a value
    /// saved since then refuses this one instead of being overwritten (ADR 0032).
    /// </param>
    public async Task RecordMeasurementAsync(ClaimsPrincipal user, int indicatorId, MeasurementInput input, Guid? expectedToken = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var goalId = await db.Indicators.Where(i => i.Id == indicatorId).Select(i => (int?)i.GoalId).SingleOrDefaultAsync(ct);
        if (goalId is null)
        {
            throw actors.Refuse(await actors.LoadAsync(db, user, ct), "RecordMeasurement", "Indicator", indicatorId, "Indikatorn finns inte.");
        }

        var (actor, planId) = await AuthoriseGoalAsync(db, user, goalId.Value, "RecordMeasurement", ct);
        var problems = new Problems();
        var thisYear = Planning.PlanningCalendar.Today(time).Year;
        // Stored as the year's own digits, so "02025" is the row of 2025, not a second one.
        var isYear = MeasurementPeriod.TryParse(input.Period, out var year) && year >= 1900;
        var period = MeasurementPeriod.Normalise(input.Period);
        problems.Require(isYear, nameof(MeasurementInput.Period), "Ange perioden som ett årtal, till exempel 2025.");
        // A measured value is for a year that has begun; targets belong on the indicator.
        problems.Require(
            !isYear || year <= thisYear,
            nameof(MeasurementInput.Period),
            $"Ett uppmätt värde kan inte gälla ett år som inte har börjat. Ange ett år till och med {thisYear}.");
        problems.Require(input.Value is not null, nameof(MeasurementInput.Value), "Ange ett värde.");
        problems.Check(input.Value, nameof(MeasurementInput.Value));
        problems.ThrowIfAny();

        var now = time.GetUtcNow().UtcDateTime;
        var existing = await db.Measurements.SingleOrDefaultAsync(m => m.IndicatorId == indicatorId && m.Period == period && m.Source == ManualSource, ct);
        var before = existing?.Value;
        var what = $"värdet för {period}";
        ConcurrencyTokens.ExpectUpsert(db, existing, expectedToken, what);
        existing ??= db.Measurements.Add(new Measurement { IndicatorId = indicatorId, Period = period, Source = ManualSource }).Entity;
        (existing.Value, existing.FetchedAtUtc) = (input.Value!.Value, now);
        Audit.Record(db, actor, now, AuditActions.MeasurementRecord, "Plan", planId,
            before is null ? null : new { IndicatorId = indicatorId, Period = period, Value = before },
            new { IndicatorId = indicatorId, Period = period, Value = input.Value });
        await SaveAsync(db, what, ct);
    }

    // A change saved between the check and this save fails the token; two first values at once meet at the unique
    // index: either way the later one is told, nothing is overwritten.
    private static async Task SaveAsync(StrategyDbContext db, string what, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException e)
        {
            throw StaleFormException.Changed(what, e);
        }
        catch (DbUpdateException e)
        {
            throw PlanEditingService.PlanChangedMeanwhile(e);
        }
    }

    private async Task<(Actor Actor, int PlanId)> AuthoriseGoalAsync(StrategyDbContext db, ClaimsPrincipal user, int goalId, string operation, CancellationToken ct)
    {
        var actor = await actors.LoadAsync(db, user, ct);
        var goal = await db.Goals.Where(g => g.Id == goalId)
            .Select(g => new
            {
                g.PlanId,
                Target = new PlanWriteTarget(g.Plan.OrganisationId, g.Plan.Organisation.Name, g.Plan.Organisation.IsActive, g.Plan.Status),
            })
            .SingleOrDefaultAsync(ct);
        actors.Enforce(actor, PlanWrite.FollowUp, goal?.Target, operation, "Goal", goalId);
        return (actor, goal!.PlanId);
    }
}
