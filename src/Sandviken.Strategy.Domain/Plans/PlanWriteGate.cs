using Sandviken.Strategy.Domain.Access;
using Sandviken.Strategy.Domain.Validation;

namespace Sandviken.Strategy.Domain.Plans;

/// <summary>The kinds of write to a plan, each with its own rule for the plan's status (DESIGN.md §3 and §4).</summary>
public enum PlanWrite
{
    /// <summary>A new plan for an organisation: the target is the organisation, there is no status yet.</summary>
    CreatePlan,

    /// <summary>Adding, changing, moving or removing goals: not in a fastställd plan.</summary>
    ChangeGoals,

    /// <summary>Recording a decision: which decision the status allows next is checked with the input (DecisionService.Allows).</summary>
    RecordDecision,

    /// <summary>Following up goals and recording values: in every status, following up is not changing what was decided.</summary>
    FollowUp,

    /// <summary>Reopening a fastställd plan for revision: administrators only.</summary>
    Reopen,
}

/// <summary>What the gate needs to know about the plan written to (or, for <see cref="PlanWrite.CreatePlan"/>, its organisation).</summary>
/// <param name="Status">The plan's status; null for a plan that does not exist yet.</param>
public sealed record PlanWriteTarget(int OrganisationId, string OrganisationName, bool OrganisationIsActive, PlanStatus? Status)
{
    /// <summary>The target of a loaded plan; its organisation must be loaded with it.</summary>
    public static PlanWriteTarget Of(Plan plan) =>
        new(plan.OrganisationId, plan.Organisation.Name, plan.Organisation.IsActive, plan.Status);
}

/// <summary>The gate's answer: allowed, refused (the actor may not; logged) or closed (the actor may, but not now).</summary>
public sealed record PlanWriteVerdict(PlanWriteOutcome Outcome, string? Message)
{
    public static readonly PlanWriteVerdict Allowed = new(PlanWriteOutcome.Allowed, null);

    public bool IsAllowed => Outcome == PlanWriteOutcome.Allowed;
}

public enum PlanWriteOutcome
{
    Allowed,

    /// <summary>The actor may not write this plan at all: an <see cref="AccessDeniedException"/>.</summary>
    Refused,

    /// <summary>The actor may, but the organisation or the plan's status does not allow it: a <see cref="RuleViolationException"/>.</summary>
    Closed,
}

/// <summary>
/// The one answer to "may this actor write this plan now?": the actor's role and own organisations (or administrator),
/// whether the organisation is active, and whether the plan's status allows the kind of write. The services that
/// write call <see cref="Enforce"/>; the readers that show what the user may do call <see cref="Allows"/>.
/// </summary>
public static class PlanWriteGate
{
    /// <summary>Decides without throwing or logging. A null target is a plan (or organisation) that does not exist.</summary>
    public static PlanWriteVerdict Check(Actor actor, PlanWrite write, PlanWriteTarget? target)
    {
        if (write == PlanWrite.Reopen)
        {
            // Refused before anything about the plan is told, even whether it exists.
            if (!actor.IsAdministrator)
            {
                return Refused("Bara en administratör kan öppna en fastställd plan för revidering.");
            }

            if (target is null)
            {
                return Closed("Planen finns inte.");
            }
        }
        else if (target is null || !actor.CanEditPlansOf(target.OrganisationId))
        {
            return Refused(write switch
            {
                PlanWrite.CreatePlan => "Du kan bara skapa planer för din egen nämnd eller ditt eget bolag.",
                PlanWrite.RecordDecision => "Du kan bara registrera beslut för din egen nämnd eller ditt eget bolag.",
                PlanWrite.FollowUp => "Du kan bara följa upp mål för din egen nämnd eller ditt eget bolag.",
                _ => "Du kan bara ändra planer för din egen nämnd eller ditt eget bolag.",
            });
        }

        // A fastställd plan says so before its organisation's state: that is what the user can act on.
        if (write == PlanWrite.ChangeGoals && !StatusAllows(write, target.Status))
        {
            return Closed("Planen är fastställd och kan inte ändras. En administratör kan öppna den för revidering.");
        }

        if (!target.OrganisationIsActive)
        {
            return Closed(write switch
            {
                PlanWrite.CreatePlan => $"{target.OrganisationName} är inte längre aktiv och kan inte få nya planer.",
                PlanWrite.RecordDecision => $"{target.OrganisationName} är inte längre aktiv. Inga fler beslut kan registreras för dess planer.",
                PlanWrite.FollowUp => $"{target.OrganisationName} är inte längre aktiv. Dess mål kan inte längre följas upp.",
                // A reopened plan needs a new decision, which an inactive organisation can no longer take.
                PlanWrite.Reopen => $"{target.OrganisationName} är inte längre aktiv. Dess planer kan inte öppnas för revidering.",
                _ => $"{target.OrganisationName} är inte längre aktiv. Dess planer kan läsas men inte ändras.",
            });
        }

        if (!StatusAllows(write, target.Status))
        {
            return Closed("Bara en fastställd plan kan öppnas för revidering.");
        }

        return PlanWriteVerdict.Allowed;
    }

    /// <summary>Whether the actor may make this kind of write to the target now.</summary>
    public static bool Allows(Actor actor, PlanWrite write, PlanWriteTarget? target) => Check(actor, write, target).IsAllowed;

    /// <summary>The status part of the gate alone: which kinds of write a plan in this status takes.</summary>
    public static bool StatusAllows(PlanWrite write, PlanStatus? status) => write switch
    {
        PlanWrite.ChangeGoals => status != PlanStatus.Final,
        PlanWrite.Reopen => status == PlanStatus.Final,
        _ => true,
    };

    /// <summary>
    /// Whether the actor may write some plan at all: an administrator, or an active secretary with an organisation.
    /// Tells a colleague's removal of a goal (a conflict) apart from an attempt by someone who may write nothing.
    /// </summary>
    public static bool MayWriteAnyPlan(Actor actor) =>
        actor.IsAdministrator || (actor.IsSignedIn && actor.OrganisationIds.Count > 0 && actor.Roles.Contains(Users.Roles.Secretary));

    /// <summary>Throws unless the gate allows the write: a refusal is logged through <paramref name="actors"/>.</summary>
    /// <param name="operation">The operation's name in the log, for example "UpdateGoal".</param>
    public static void Enforce(
        this ActorLoader actors, Actor actor, PlanWrite write, PlanWriteTarget? target, string operation, string entity, object entityId)
    {
        var verdict = Check(actor, write, target);
        switch (verdict.Outcome)
        {
            case PlanWriteOutcome.Refused:
                throw actors.Refuse(actor, operation, entity, entityId, verdict.Message!);
            case PlanWriteOutcome.Closed:
                throw new RuleViolationException(verdict.Message!);
        }
    }

    private static PlanWriteVerdict Refused(string message) => new(PlanWriteOutcome.Refused, message);

    private static PlanWriteVerdict Closed(string message) => new(PlanWriteOutcome.Closed, message);
}
