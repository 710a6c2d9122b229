using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Access;
using Sandviken.Strategy.Domain.Auditing;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Planning;
using Sandviken.Strategy.Domain.Plans;
using Sandviken.Strategy.Domain.Validation;

namespace Sandviken.Strategy.Domain.Decisions;

/// <summary>What the secretary records from the minutes (protokoll).</summary>
public sealed record DecisionInput(DecisionKind Kind, DateOnly? DecidedOn, string DecidedBy, string Reference);

/// <summary>
/// The plan lifecycle of DESIGN.md §3, enforced here: Utkast → (April decision) → Utkast beslutat →
/// (September decision) → Fastställd → (administrator reopens with a reason) → Revidering → (decision) → Fastställd.
/// Each decision freezes a new <see cref="PlanVersion"/>; nothing decided is ever changed.
/// </summary>
public sealed class DecisionService(IDbContextFactory<StrategyDbContext> dbFactory, ActorLoader actors, TimeProvider time)
{
    /// <param name="expectedPlanToken">
    /// The plan's token when the user looked at it: a decision freezes what the user saw, so a change by someone
    /// else in between stops it. Null skips the check (imports and tests that act on the current state).
    /// </param>
    /// <returns>The number of the version the decision froze.</returns>
    public async Task<int> RecordDecisionAsync(ClaimsPrincipal user, int planId, DecisionInput input, Guid? expectedPlanToken = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actor = await actors.LoadAsync(db, user, ct);
        var found = await db.Plans.Include(p => p.Organisation).SingleOrDefaultAsync(p => p.Id == planId, ct);
        actors.Enforce(actor, PlanWrite.RecordDecision, found is null ? null : PlanWriteTarget.Of(found), "RecordDecision", "Plan", planId);
        var plan = found!;

        if (expectedPlanToken is { } token && token != plan.ConcurrencyToken)
        {
            throw new RuleViolationException("Planen har ändrats sedan du öppnade den. Inget beslut har registrerats: kontrollera målen och försök igen.");
        }

        input = input with { DecidedBy = (input.DecidedBy ?? "").Trim(), Reference = (input.Reference ?? "").Trim() };
        var today = PlanningCalendar.Today(time);
        var earlier = await db.Decisions.Where(d => d.PlanId == planId).OrderBy(d => d.Id).Select(d => new { d.Kind, d.DecidedOn }).ToListAsync(ct);
        ValidateInput(
            input, today, plan.BudgetYear,
            earlier.LastOrDefault(d => d.Kind == DecisionKind.Draft)?.DecidedOn,
            earlier.LastOrDefault(d => d.Kind == DecisionKind.Final)?.DecidedOn);
        CheckOrder(plan.Status, input.Kind);

        var goals = await db.Goals.Include(g => g.Areas).ThenInclude(a => a.StrategicArea).Include(g => g.Indicators)
            .Where(g => g.PlanId == planId).ToListAsync(ct);
        if (goals.Count == 0)
        {
            throw new RuleViolationException("Planen har inga mål. Lägg till minst ett mål innan beslutet registreras.");
        }

        if (goals.FirstOrDefault(g => g.Areas.Count == 0) is { } unlinked)
        {
            throw new RuleViolationException($"Målet ”{unlinked.Title}” är inte kopplat till något strategiskt område. Koppla det innan beslutet registreras.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var content = PlanSnapshot.Of(plan, goals).ToJson();
        var version = new PlanVersion
        {
            PlanId = plan.Id,
            Number = (await db.PlanVersions.Where(v => v.PlanId == planId).MaxAsync(v => (int?)v.Number, ct) ?? 0) + 1,
            Kind = input.Kind,
            Content = content,
            ContentSha256 = PlanSnapshot.Sha256Of(content),
            CreatedAtUtc = now,
        };
        var decision = new Decision
        {
            PlanId = plan.Id,
            Kind = input.Kind,
            DecidedOn = input.DecidedOn!.Value,
            DecidedBy = input.DecidedBy,
            Reference = input.Reference,
            RecordedBy = actor.UserName,
            RecordedAtUtc = now,
            PlanVersion = version,
        };
        var statusBefore = plan.Status;
        if (expectedPlanToken is { } seen)
        {
            db.Entry(plan).Property(p => p.ConcurrencyToken).OriginalValue = seen;
        }

        plan.Status = input.Kind == DecisionKind.Draft ? PlanStatus.DraftDecided : PlanStatus.Final;
        plan.ConcurrencyToken = Guid.NewGuid();
        db.PlanVersions.Add(version);
        db.Decisions.Add(decision);

        await db.SaveAuditedAsync(
            actor, now, AuditActions.DecisionRecord, "Plan", () => plan.Id,
            new { Status = statusBefore },
            () => new { Status = plan.Status, input.Kind, decision.DecidedOn, decision.DecidedBy, decision.Reference, Version = version.Number, version.ContentSha256 },
            ct, PlanEditingService.SavePlanChangeAsync);
        return version.Number;
    }

    /// <summary>An administrator reopens a final plan for revision; the reason is kept in the audit log.</summary>
    public async Task ReopenAsync(ClaimsPrincipal user, int planId, string reason, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actor = await actors.LoadAsync(db, user, ct);
        // Only an administrator's attempt reads the plan: anyone else is refused before it is looked up.
        var found = actor.IsAdministrator ? await db.Plans.Include(p => p.Organisation).SingleOrDefaultAsync(p => p.Id == planId, ct) : null;
        actors.Enforce(actor, PlanWrite.Reopen, found is null ? null : PlanWriteTarget.Of(found), "ReopenPlan", "Plan", planId);
        var plan = found!;

        reason = (reason ?? "").Trim();
        if (reason.Length < 10)
        {
            throw new ValidationFailedException("Reason", "Skriv varför planen öppnas, med minst 10 tecken.");
        }

        if (reason.Length > 2000)
        {
            throw new ValidationFailedException("Reason", "Motiveringen får vara högst 2 000 tecken.");
        }

        // The reason is kept only inside the audit entry's JSON, which the context's own check cannot see into.
        if (!WellFormedText.IsStorable(reason))
        {
            throw new ValidationFailedException("Reason", WellFormedText.Message);
        }

        plan.Status = PlanStatus.Revision;
        plan.ConcurrencyToken = Guid.NewGuid();
        Audit.Record(db, actor, time.GetUtcNow().UtcDateTime, AuditActions.PlanReopen, "Plan", plan.Id,
            new { Status = PlanStatus.Final }, new { Status = PlanStatus.Revision, Reason = reason });
        await PlanEditingService.SavePlanChangeAsync(db, ct);
    }

    /// <summary>Which decision each status allows next.</summary>
    public static bool Allows(PlanStatus status, DecisionKind kind) => (status, kind) switch
    {
        (PlanStatus.Draft, DecisionKind.Draft) => true,
        (PlanStatus.DraftDecided, DecisionKind.Final) => true,
        (PlanStatus.Revision, DecisionKind.Final) => true,
        _ => false,
    };

    private static void CheckOrder(PlanStatus status, DecisionKind kind)
    {
        if (Allows(status, kind))
        {
            return;
        }

        throw new RuleViolationException((status, kind) switch
        {
            (PlanStatus.Draft, DecisionKind.Final) => "Beslutet om utkast (april) måste registreras före det slutgiltiga beslutet.",
            (PlanStatus.Final, _) => "Planen är redan fastställd. En administratör kan öppna den för revidering.",
            (_, DecisionKind.Draft) => "Beslutet om utkast är redan registrerat för planen.",
            _ => "Beslutet kan inte registreras i planens nuvarande läge.",
        });
    }

    private static void ValidateInput(DecisionInput input, DateOnly today, int budgetYear, DateOnly? draftDecidedOn, DateOnly? finalDecidedOn)
    {
        // A plan for a budget year is decided during the year before it at the earliest.
        var earliest = new DateOnly(budgetYear - 1, 1, 1);
        var problems = new Problems();
        problems.Require(Enum.IsDefined(input.Kind), nameof(DecisionInput.Kind), "Välj vilket beslut som ska registreras.");
        problems.Require(input.DecidedOn is not null, nameof(DecisionInput.DecidedOn), "Ange beslutsdatum.");
        problems.Require(input.DecidedOn is null || input.DecidedOn <= today, nameof(DecisionInput.DecidedOn), "Beslutsdatum kan inte ligga i framtiden.");
        problems.Require(
            input.DecidedOn is null || input.DecidedOn >= earliest,
            nameof(DecisionInput.DecidedOn),
            $"Beslutsdatum kan inte ligga före 1 januari {budgetYear - 1}: planen gäller budgetår {budgetYear}.");
        problems.Require(
            input.DecidedOn is null || input.Kind != DecisionKind.Final || draftDecidedOn is null || input.DecidedOn >= draftDecidedOn,
            nameof(DecisionInput.DecidedOn),
            "Det slutgiltiga beslutet kan inte vara fattat före beslutet om utkast.");
        problems.Require(
            input.DecidedOn is null || input.Kind != DecisionKind.Final || finalDecidedOn is null || input.DecidedOn >= finalDecidedOn,
            nameof(DecisionInput.DecidedOn),
            $"Det nya slutgiltiga beslutet kan inte vara fattat före det förra ({finalDecidedOn?.ToString("d MMMM yyyy", Swedish.Culture)}).");
        problems.Require(input.DecidedBy.Length > 0, nameof(DecisionInput.DecidedBy), "Ange vilken instans som fattade beslutet, till exempel nämndens namn.");
        problems.Require(input.DecidedBy.Length <= FieldLimits.DecidedByMaxLength, nameof(DecisionInput.DecidedBy), FieldLimits.TooLong("Beslutsinstansen", FieldLimits.DecidedByMaxLength));
        problems.Require(input.Reference.Length > 0, nameof(DecisionInput.Reference), "Ange paragraf, till exempel § 45.");
        problems.Require(input.Reference.Length <= FieldLimits.DecisionReferenceMaxLength, nameof(DecisionInput.Reference), FieldLimits.TooLong("Referensen", FieldLimits.DecisionReferenceMaxLength));
        problems.ThrowIfAny();
    }
}
