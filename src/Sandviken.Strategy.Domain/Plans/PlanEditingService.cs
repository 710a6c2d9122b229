using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Access;
using Sandviken.Strategy.Domain.Auditing;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Validation;

namespace Sandviken.Strategy.Domain.Plans;

/// <summary>
/// Changes to a plan's working copy. Every method checks, on the server and against the database, that the
/// user may edit the plan's organisation, that the plan is open for editing, and writes the audit entry in
/// the same transaction as the change.
/// </summary>
public sealed class PlanEditingService(IDbContextFactory<StrategyDbContext> dbFactory, ActorLoader actors, TimeProvider time)
{
    /// <summary>Creates the plan of an organisation for a budget year, optionally with a copy of the previous year's goals.</summary>
    public async Task<int> CreatePlanAsync(ClaimsPrincipal user, int organisationId, int budgetYear, bool copyPreviousYear, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actor = await actors.LoadAsync(db, user, ct);
        var found = await db.Organisations.SingleOrDefaultAsync(o => o.Id == organisationId, ct);
        actors.Enforce(
            actor,
            PlanWrite.CreatePlan,
            found is null ? null : new PlanWriteTarget(found.Id, found.Name, found.IsActive, null),
            "CreatePlan",
            "Organisation",
            organisationId);
        var organisation = found!;

        if (!await db.PlanningCycles.AnyAsync(c => c.MunicipalityId == organisation.MunicipalityId && c.BudgetYear == budgetYear, ct))
        {
            throw new ValidationFailedException("BudgetYear", $"Det finns ingen planeringsomgång för budgetår {budgetYear}.");
        }

        if (!await db.StrategicAreas.AnyAsync(a => a.MandatePeriod.StartYear <= budgetYear && a.MandatePeriod.EndYear >= budgetYear, ct))
        {
            throw new ValidationFailedException("BudgetYear", NoAreasYet(budgetYear));
        }

        if (await db.Plans.AnyAsync(p => p.OrganisationId == organisationId && p.BudgetYear == budgetYear, ct))
        {
            throw new ValidationFailedException("BudgetYear", $"{organisation.Name} har redan en plan för budgetår {budgetYear}.");
        }

        var plan = new Plan { OrganisationId = organisationId, BudgetYear = budgetYear, Status = PlanStatus.Draft };
        if (copyPreviousYear)
        {
            plan.Goals.AddRange(await CopyPreviousGoalsAsync(db, organisationId, budgetYear, ct));
        }

        db.Plans.Add(plan);
        await db.SaveAuditedAsync(
            actor, Now, AuditActions.PlanCreate, "Plan", () => plan.Id, null,
            () => new { plan.OrganisationId, plan.BudgetYear, CopiedGoals = plan.Goals.Select(g => g.Title).ToList() },
            ct, SavePlanChangeAsync);
        return plan.Id;
    }

    /// <summary>Why no plan can be made for a budget year whose mandate period has no strategic areas yet.</summary>
    public static string NoAreasYet(int budgetYear) =>
        $"Det finns inga strategiska områden för budgetår {budgetYear} ännu, och varje mål ska kopplas till ett område. " +
        "Planen kan skapas när en administratör har lagt in områdena för mandatperioden.";

    public async Task<GoalState> AddGoalAsync(ClaimsPrincipal user, int planId, GoalInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (actor, plan) = await LoadEditablePlanAsync(db, user, planId, "AddGoal", ct);
        input = GoalRules.Normalise(input);
        GoalRules.Validate(input, await AreaIdsForYearAsync(db, plan.BudgetYear, ct));

        var goal = new Goal
        {
            PlanId = plan.Id,
            SortOrder = (await db.Goals.Where(g => g.PlanId == plan.Id).MaxAsync(g => (int?)g.SortOrder, ct) ?? 0) + 1,
            Title = input.Title,
        };
        Apply(goal, input);
        Stamp(goal, actor);
        db.Goals.Add(goal);
        plan.ConcurrencyToken = Guid.NewGuid();

        await db.SaveAuditedAsync(actor, Now, AuditActions.GoalAdd, "Plan", () => plan.Id, null, () => new { GoalId = goal.Id, Goal = input }, ct, SavePlanChangeAsync);
        return new GoalState(goal.Id, goal.ConcurrencyToken, goal.SortOrder, input);
    }

    /// <param name="expectedToken">The goal's token when the user opened it; a different stored token means a conflict.</param>
    public async Task<GoalState> UpdateGoalAsync(ClaimsPrincipal user, int goalId, Guid expectedToken, GoalInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var planId = await PlanIdOfGoalAsync(db, user, goalId, "UpdateGoal", ct);
        var (actor, plan) = await LoadEditablePlanAsync(db, user, planId, "UpdateGoal", ct);
        var goal = await LoadGoalAsync(db, goalId, ct) ?? throw await ConflictAsync(db, goalId, ct);
        if (goal.ConcurrencyToken != expectedToken)
        {
            throw await ConflictAsync(db, goalId, ct);
        }

        input = GoalRules.Normalise(input);
        GoalRules.Validate(input, await AreaIdsForYearAsync(db, plan.BudgetYear, ct));
        var kept = input.Indicators.Where(i => i.Id is not null).Select(i => i.Id!.Value).ToList();
        var dropped = goal.Indicators.Where(i => !kept.Contains(i.Id)).Select(i => i.Id).ToList();
        if (dropped.Count > 0 && await db.Measurements.AnyAsync(m => dropped.Contains(m.IndicatorId), ct))
        {
            throw new ValidationFailedException(nameof(GoalInput.Indicators), "En indikator som har uppmätta värden kan inte tas bort.");
        }

        var before = StateOf(goal).Input;

        // The original value of the token is what the UPDATE's WHERE clause checks: another save in between fails it.
        db.Entry(goal).Property(g => g.ConcurrencyToken).OriginalValue = expectedToken;
        goal.ConcurrencyToken = Guid.NewGuid();
        Apply(goal, input);
        Stamp(goal, actor);
        plan.ConcurrencyToken = Guid.NewGuid();
        Audit.Record(db, actor, Now, AuditActions.GoalUpdate, "Plan", plan.Id, new { GoalId = goal.Id, Goal = before }, new { GoalId = goal.Id, Goal = input });

        await SaveOrConflictAsync(db, goalId, ct);
        return new GoalState(goal.Id, goal.ConcurrencyToken, goal.SortOrder, input);
    }

    public async Task RemoveGoalAsync(ClaimsPrincipal user, int goalId, Guid expectedToken, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var planId = await PlanIdOfGoalAsync(db, user, goalId, "RemoveGoal", ct);
        var (actor, plan) = await LoadEditablePlanAsync(db, user, planId, "RemoveGoal", ct);
        var goal = await LoadGoalAsync(db, goalId, ct) ?? throw await ConflictAsync(db, goalId, ct);
        if (goal.ConcurrencyToken != expectedToken)
        {
            throw await ConflictAsync(db, goalId, ct);
        }

        // Follow-ups and values belong to what was decided and followed up: a goal that has them stays.
        if (await db.FollowUps.AnyAsync(f => f.GoalId == goalId, ct) || await db.Measurements.AnyAsync(m => m.Indicator.GoalId == goalId, ct))
        {
            throw new RuleViolationException("Målet har uppföljningar eller uppmätta värden och kan därför inte tas bort.");
        }

        db.Entry(goal).Property(g => g.ConcurrencyToken).OriginalValue = expectedToken;
        db.Goals.Remove(goal);
        plan.ConcurrencyToken = Guid.NewGuid();
        Audit.Record(db, actor, Now, AuditActions.GoalRemove, "Plan", plan.Id, new { GoalId = goal.Id, Goal = StateOf(goal).Input }, null);
        await SaveOrConflictAsync(db, goalId, ct);
    }

    /// <summary>Moves a goal one place up (-1) or down (+1) in the plan's order.</summary>
    public async Task MoveGoalAsync(ClaimsPrincipal user, int goalId, int step, CancellationToken ct = default)
    {
        if (step is not (-1 or 1))
        {
            throw new ArgumentOutOfRangeException(nameof(step), "A goal moves one place at a time.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var planId = await PlanIdOfGoalAsync(db, user, goalId, "MoveGoal", ct);
        var (actor, plan) = await LoadEditablePlanAsync(db, user, planId, "MoveGoal", ct);
        var goals = await db.Goals.Where(g => g.PlanId == planId).OrderBy(g => g.SortOrder).ThenBy(g => g.Id).ToListAsync(ct);
        var index = goals.FindIndex(g => g.Id == goalId);
        if (index < 0)
        {
            throw await ConflictAsync(db, goalId, ct);
        }

        var target = index + step;
        if (target < 0 || target >= goals.Count)
        {
            return;
        }

        var before = goals.Select(g => g.Id).ToList();
        (goals[index], goals[target]) = (goals[target], goals[index]);
        for (var i = 0; i < goals.Count; i++)
        {
            goals[i].SortOrder = i + 1;
        }

        plan.ConcurrencyToken = Guid.NewGuid();
        Audit.Record(db, actor, Now, AuditActions.GoalReorder, "Plan", plan.Id, new { Order = before }, new { Order = goals.Select(g => g.Id).ToList() });
        await SavePlanChangeAsync(db, ct);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    // Who last added or changed the goal, for the conflict message: read from the goal, not searched for in the audit log.
    private void Stamp(Goal goal, Actor actor) => (goal.UpdatedByUserId, goal.UpdatedAtUtc) = (actor.UserId, Now);

    private async Task<(Actor Actor, Plan Plan)> LoadEditablePlanAsync(StrategyDbContext db, ClaimsPrincipal user, int planId, string operation, CancellationToken ct)
    {
        var actor = await actors.LoadAsync(db, user, ct);
        var plan = await db.Plans.Include(p => p.Organisation).SingleOrDefaultAsync(p => p.Id == planId, ct);
        actors.Enforce(actor, PlanWrite.ChangeGoals, plan is null ? null : PlanWriteTarget.Of(plan), operation, "Plan", planId);
        return (actor, plan!);
    }

    // A goal that is gone was removed by a colleague (a conflict) — unless the user may edit nothing at all.
    private async Task<int> PlanIdOfGoalAsync(StrategyDbContext db, ClaimsPrincipal user, int goalId, string operation, CancellationToken ct)
    {
        var planId = await db.Goals.Where(g => g.Id == goalId).Select(g => (int?)g.PlanId).SingleOrDefaultAsync(ct);
        if (planId is not null)
        {
            return planId.Value;
        }

        var actor = await actors.LoadAsync(db, user, ct);
        if (!PlanWriteGate.MayWriteAnyPlan(actor))
        {
            throw actors.Refuse(actor, operation, "Goal", goalId, "Du kan bara ändra planer för din egen nämnd eller ditt eget bolag.");
        }

        throw new GoalConflictException(null, null, null);
    }

    private static Task<Goal?> LoadGoalAsync(StrategyDbContext db, int goalId, CancellationToken ct) =>
        db.Goals.Include(g => g.Areas).Include(g => g.Indicators).SingleOrDefaultAsync(g => g.Id == goalId, ct);

    internal static async Task<IReadOnlySet<int>> AreaIdsForYearAsync(StrategyDbContext db, int budgetYear, CancellationToken ct) =>
        (await db.StrategicAreas
            .Where(a => a.MandatePeriod.StartYear <= budgetYear && a.MandatePeriod.EndYear >= budgetYear)
            .Select(a => a.Id)
            .ToListAsync(ct)).ToHashSet();

    internal static GoalState StateOf(Goal goal) => new(
        goal.Id,
        goal.ConcurrencyToken,
        goal.SortOrder,
        new GoalInput(
            goal.Title,
            goal.Description,
            [.. goal.Areas.Select(a => a.StrategicAreaId).Order()],
            [.. goal.Indicators.OrderBy(i => i.SortOrder).Select(i => new IndicatorInput(
                i.Name, i.Unit, i.Direction, i.BaselineValue, i.BaselineYear, i.TargetValue, i.TargetYear, i.KoladaKpiId, i.Id))]));

    private static void Apply(Goal goal, GoalInput input)
    {
        goal.Title = input.Title;
        goal.Description = input.Description;
        goal.Areas.RemoveAll(a => !input.AreaIds.Contains(a.StrategicAreaId));
        goal.Areas.AddRange(input.AreaIds
            .Where(id => goal.Areas.All(a => a.StrategicAreaId != id))
            .Select(id => new GoalArea { StrategicAreaId = id }));

        // Indicators are updated in place by id, so that their measurements stay with them; the rest are removed or added.
        var kept = input.Indicators.Where(i => i.Id is not null).Select(i => i.Id!.Value).ToHashSet();
        goal.Indicators.RemoveAll(i => !kept.Contains(i.Id));
        for (var index = 0; index < input.Indicators.Count; index++)
        {
            var source = input.Indicators[index];
            var indicator = goal.Indicators.FirstOrDefault(i => i.Id != 0 && i.Id == source.Id);
            if (indicator is null)
            {
                indicator = new Indicator { Name = source.Name };
                goal.Indicators.Add(indicator);
            }

            indicator.Name = source.Name;
            indicator.Unit = source.Unit;
            indicator.Direction = source.Direction;
            indicator.BaselineValue = source.BaselineValue;
            indicator.BaselineYear = source.BaselineYear;
            indicator.TargetValue = source.TargetValue;
            indicator.TargetYear = source.TargetYear;
            indicator.KoladaKpiId = source.KoladaKpiId;
            indicator.SortOrder = index + 1;
        }
    }

    private static async Task<List<Goal>> CopyPreviousGoalsAsync(StrategyDbContext db, int organisationId, int budgetYear, CancellationToken ct)
    {
        var previous = await db.Plans
            .Where(p => p.OrganisationId == organisationId && p.BudgetYear < budgetYear)
            .OrderByDescending(p => p.BudgetYear)
            .Select(p => p.Id)
            .FirstOrDefaultAsync(ct);
        if (previous == 0)
        {
            throw new ValidationFailedException("CopyPreviousYear", "Det finns ingen tidigare plan att kopiera mål från.");
        }

        // Links to areas of another mandate period are dropped: the new period's areas are the council's new decision.
        var validAreas = await AreaIdsForYearAsync(db, budgetYear, ct);
        var goals = await db.Goals.AsNoTracking().Include(g => g.Areas).Include(g => g.Indicators)
            .Where(g => g.PlanId == previous).OrderBy(g => g.SortOrder).ToListAsync(ct);
        return [.. goals.Select((g, index) =>
        {
            var copy = new Goal { Title = g.Title, SortOrder = index + 1 };
            var source = StateOf(g).Input;
            Apply(copy, source with
            {
                AreaIds = [.. g.Areas.Select(a => a.StrategicAreaId).Where(validAreas.Contains)],
                Indicators = [.. source.Indicators.Select(i => i with { Id = null })],
            });
            return copy;
        })];
    }

    private static async Task SaveOrConflictAsync(StrategyDbContext db, int goalId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException e) when (e.Entries.Any(x => x.Entity is Goal))
        {
            throw await ConflictAsync(db, goalId, ct);
        }
        catch (DbUpdateException e)
        {
            throw PlanChangedMeanwhile(e);
        }
    }

    /// <summary>Saves a change that renews the plan's token; a simultaneous change by someone else makes it fail whole.</summary>
    internal static async Task SavePlanChangeAsync(StrategyDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e)
        {
            // A concurrency token or a unique index (two decisions at once, two new plans for one year) said no.
            throw PlanChangedMeanwhile(e);
        }
    }

    internal static RuleViolationException PlanChangedMeanwhile(Exception inner) =>
        new("Någon annan ändrade planen i samma ögonblick. Inget har sparats: ladda om sidan och försök igen.", inner);

    private static async Task<GoalConflictException> ConflictAsync(StrategyDbContext db, int goalId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var current = await db.Goals.AsNoTracking().Include(g => g.Areas).Include(g => g.Indicators).SingleOrDefaultAsync(g => g.Id == goalId, ct);
        if (current is null)
        {
            return new GoalConflictException(null, null, null);
        }

        // The person's name when the account has one, else the address they sign in with.
        var changedBy = current.UpdatedByUserId is not { } userId ? null : await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => u.DisplayName != "" ? u.DisplayName : u.Email ?? u.UserName)
            .FirstOrDefaultAsync(ct);
        return new GoalConflictException(StateOf(current), changedBy, current.UpdatedByUserId is null ? null : current.UpdatedAtUtc);
    }
}
