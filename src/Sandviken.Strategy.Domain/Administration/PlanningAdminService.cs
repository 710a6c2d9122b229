using System.Data;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Access;
using Sandviken.Strategy.Domain.Auditing;
using Sandviken.Strategy.Domain.Areas;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Planning;
using Sandviken.Strategy.Domain.Validation;

namespace Sandviken.Strategy.Domain.Administration;

public sealed record CycleInput(int BudgetYear, DateOnly? DraftDeadline, DateOnly? FinalDeadline);

/// <param name="ConcurrencyToken">Sent back with a change, so that a change from an older form is refused (ADR 0032).</param>
public sealed record CycleRow(int BudgetYear, DateOnly DraftDeadline, DateOnly FinalDeadline, int Plans, Guid ConcurrencyToken);

public sealed record PeriodInput(string Name, int StartYear, int EndYear, DateOnly? AreasDecidedOn, string AreasDecidedBy);

public sealed record AreaInput(string Title, string Lead, string? Body);

public sealed record PeriodRow(int Id, string Name, int StartYear, int EndYear, DateOnly AreasDecidedOn, string AreasDecidedBy, IReadOnlyList<AreaRow> Areas);

/// <param name="ConcurrencyToken">Sent back with a change, so that a change from an older form is refused (ADR 0032).</param>
public sealed record AreaRow(int Id, string Slug, string Title, string Lead, string Body, int SortOrder, Guid ConcurrencyToken)
{
    public IReadOnlyList<AmbitionRow> Ambitions { get; init; } = [];
}

/// <param name="ConcurrencyToken">Sent back with a change, so that a change from an older form is refused (ADR 0032).</param>
public sealed record AmbitionRow(int Id, string Text, decimal? TargetValue, string? Unit, int? TargetYear, string? KoladaKpiId, Guid ConcurrencyToken);

/// <summary>A measurable ambition: pace to target needs both a target value and a target year.</summary>
public sealed record AmbitionInput(string Text, decimal? TargetValue, string? Unit, int? TargetYear, string? KoladaKpiId);

/// <summary>
/// Planning cycle deadlines per budget year, and mandate periods with their strategic areas: the areas run
/// through 2026, a new council sets new ones for 2027–2030, and the portal carries both periods.
/// </summary>
public sealed class PlanningAdminService(IDbContextFactory<StrategyDbContext> dbFactory, ActorLoader actors, TimeProvider time)
    : AdministrationService(dbFactory, actors, time)
{
    public async Task<IReadOnlyList<CycleRow>> ListCyclesAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var (db, _) = await BeginAsync(user, "ListCycles", "PlanningCycle", null, ct);
        await using (db)
        {
            return await db.PlanningCycles.AsNoTracking().OrderByDescending(c => c.BudgetYear)
                .Select(c => new CycleRow(c.BudgetYear, c.DraftDeadline, c.FinalDeadline, db.Plans.Count(p => p.BudgetYear == c.BudgetYear), c.ConcurrencyToken))
                .ToListAsync(ct);
        }
    }

    /// <summary>Adds the cycle of a budget year, or moves its deadlines.</summary>
    /// <param name="expectedToken">
    /// The token of the budget year's cycle as the form showed it, or null when the form showed none: a cycle saved
    /// since then (moved deadlines, or the year added by someone else) refuses this save instead of being overwritten.
    /// </param>
    public async Task SaveCycleAsync(ClaimsPrincipal user, CycleInput input, Guid? expectedToken = null, CancellationToken ct = default)
    {
        var (db, actor) = await BeginAsync(user, "SaveCycle", "PlanningCycle", input.BudgetYear, ct);
        await using (db)
        {
            var problems = new Problems();
            problems.Require(input.BudgetYear is >= 2000 and <= 2100, nameof(CycleInput.BudgetYear), "Ange ett budgetår mellan 2000 och 2100.");
            problems.Require(input.DraftDeadline is not null, nameof(CycleInput.DraftDeadline), "Ange sista dag för beslut om utkast.");
            problems.Require(input.FinalDeadline is not null, nameof(CycleInput.FinalDeadline), "Ange sista dag för slutgiltigt beslut.");
            problems.Require(
                input.DraftDeadline is null || input.FinalDeadline is null || input.FinalDeadline >= input.DraftDeadline,
                nameof(CycleInput.FinalDeadline),
                "Det slutgiltiga beslutet kan inte ha sista dag före utkastet.");
            problems.Require(
                input.FinalDeadline is null || input.FinalDeadline.Value.Year < input.BudgetYear,
                nameof(CycleInput.FinalDeadline),
                "Planen ska vara fastställd före budgetårets början.");
            problems.ThrowIfAny();

            var cycle = await db.PlanningCycles.SingleOrDefaultAsync(c => c.BudgetYear == input.BudgetYear, ct);
            var before = cycle is null ? null : new CycleInput(cycle.BudgetYear, cycle.DraftDeadline, cycle.FinalDeadline);
            ConcurrencyTokens.ExpectUpsert(db, cycle, expectedToken, $"planeringsomgången för budgetår {input.BudgetYear}");
            if (cycle is null)
            {
                cycle = new PlanningCycle
                {
                    MunicipalityId = await db.Municipalities.OrderBy(m => m.Id).Select(m => m.Id).FirstAsync(ct),
                    BudgetYear = input.BudgetYear,
                };
                db.PlanningCycles.Add(cycle);
            }

            (cycle.DraftDeadline, cycle.FinalDeadline) = (input.DraftDeadline!.Value, input.FinalDeadline!.Value);
            Audit(db, actor, before is null ? AuditActions.CycleAdd : AuditActions.CycleUpdate, "PlanningCycle", input.BudgetYear, before, input);
            await ConcurrencyTokens.SaveAsync(db, $"planeringsomgången för budgetår {input.BudgetYear}", ct);
        }
    }

    public async Task<IReadOnlyList<PeriodRow>> ListPeriodsAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var (db, _) = await BeginAsync(user, "ListPeriods", "MandatePeriod", null, ct);
        await using (db)
        {
            return await db.MandatePeriods.AsNoTracking().OrderByDescending(p => p.StartYear)
                .Select(p => new PeriodRow(p.Id, p.Name, p.StartYear, p.EndYear, p.AreasDecidedOn, p.AreasDecidedBy,
                    p.Areas.OrderBy(a => a.SortOrder).Select(a => new AreaRow(a.Id, a.Slug, a.Title, a.Lead, a.Body, a.SortOrder, a.ConcurrencyToken)
                    {
                        Ambitions = a.Ambitions.OrderBy(m => m.SortOrder)
                            .Select(m => new AmbitionRow(m.Id, m.Text, m.TargetValue, m.Unit, m.TargetYear, m.KoladaKpiId, m.ConcurrencyToken)).ToList(),
                    }).ToList()))
                .ToListAsync(ct);
        }
    }

    public async Task<int> AddPeriodAsync(ClaimsPrincipal user, PeriodInput input, CancellationToken ct = default)
    {
        var (db, actor) = await BeginAsync(user, "AddPeriod", "MandatePeriod", null, ct);
        await using (db)
        {
            input = input with { Name = (input.Name ?? "").Trim(), AreasDecidedBy = (input.AreasDecidedBy ?? "").Trim() };
            var municipalityId = await db.Municipalities.OrderBy(m => m.Id).Select(m => m.Id).FirstAsync(ct);

            // The overlap check and the insert are one unit (ADR 0032): the transaction holds the write lock from before
            // the check to the commit (BEGIN IMMEDIATE on SQLite; on SQL Server and PostgreSQL the municipality row's
            // exclusive lock), so a period added at the same moment waits for this one and then sees it. PostgreSQL runs
            // it at READ COMMITTED, where the check after the wait reads what was committed meanwhile; SERIALIZABLE would
            // refuse the waiting one with a serialization failure instead of the overlap message (ADR 0037).
            await using var transaction = await db.Database.BeginTransactionAsync(
                db.Database.IsNpgsql() ? IsolationLevel.ReadCommitted : IsolationLevel.Serializable, ct);
            await db.Municipalities.Where(m => m.Id == municipalityId).ExecuteUpdateAsync(s => s.SetProperty(m => m.Name, m => m.Name), ct);
            var problems = new Problems();
            problems.Require(input.Name.Length is > 0 and <= 50, nameof(PeriodInput.Name), "Ange mandatperiodens namn, till exempel 2027–2030.");
            problems.Require(input.StartYear is >= 2000 and <= 2100, nameof(PeriodInput.StartYear), "Ange ett startår mellan 2000 och 2100.");
            problems.Require(input.EndYear >= input.StartYear, nameof(PeriodInput.EndYear), "Slutåret kan inte ligga före startåret.");
            problems.Require(input.EndYear <= 2100, nameof(PeriodInput.EndYear), "Ange ett slutår senast 2100.");
            problems.Require(input.AreasDecidedOn is not null, nameof(PeriodInput.AreasDecidedOn), "Ange när områdena beslutades.");
            problems.Require(
                input.AreasDecidedOn is null || input.AreasDecidedOn <= Planning.PlanningCalendar.Today(Time),
                nameof(PeriodInput.AreasDecidedOn),
                "Beslutsdatum kan inte ligga i framtiden. Lägg in perioden när kommunfullmäktige har beslutat om områdena.");
            problems.Require(input.AreasDecidedBy.Length is > 0 and <= 200, nameof(PeriodInput.AreasDecidedBy), "Ange vem som beslutade, till exempel Kommunfullmäktige.");
            problems.Require(
                !await db.MandatePeriods.AnyAsync(p => p.StartYear <= input.EndYear && p.EndYear >= input.StartYear, ct),
                nameof(PeriodInput.StartYear),
                "Perioden överlappar en befintlig mandatperiod.");
            problems.ThrowIfAny();

            var period = new MandatePeriod
            {
                MunicipalityId = municipalityId,
                Name = input.Name,
                StartYear = input.StartYear,
                EndYear = input.EndYear,
                AreasDecidedOn = input.AreasDecidedOn!.Value,
                AreasDecidedBy = input.AreasDecidedBy,
            };
            db.MandatePeriods.Add(period);
            await SaveAuditedAsync(db, actor, AuditActions.PeriodAdd, "MandatePeriod", () => period.Id, null, input, ct);
            await transaction.CommitAsync(ct);
            return period.Id;
        }
    }

    public async Task<int> AddAreaAsync(ClaimsPrincipal user, int periodId, AreaInput input, CancellationToken ct = default)
    {
        var (db, actor) = await BeginAsync(user, "AddArea", "MandatePeriod", periodId, ct);
        await using (db)
        {
            input = Normalise(input);
            var slug = Slugs.From(input.Title);
            var problems = Validate(input);
            problems.Require(await db.MandatePeriods.AnyAsync(p => p.Id == periodId, ct), "", "Mandatperioden finns inte.");
            problems.Require(
                !await db.StrategicAreas.AnyAsync(a => a.MandatePeriodId == periodId && a.Slug == slug, ct),
                nameof(AreaInput.Title),
                "Perioden har redan ett område med den rubriken.");
            problems.ThrowIfAny();

            var area = new StrategicArea
            {
                MandatePeriodId = periodId,
                Slug = slug,
                Title = input.Title,
                Lead = input.Lead,
                Body = input.Body ?? "",
                SortOrder = (await db.StrategicAreas.Where(a => a.MandatePeriodId == periodId).MaxAsync(a => (int?)a.SortOrder, ct) ?? 0) + 1,
            };
            db.StrategicAreas.Add(area);
            await SaveAuditedAsync(db, actor, AuditActions.AreaAdd, "StrategicArea", () => area.Id, null, input, ct);
            return area.Id;
        }
    }

    /// <summary>Edits an area's text. Decided versions keep the title they were decided with.</summary>
    /// <param name="expectedToken">The area's token when the form was opened: a change saved since then refuses this one.</param>
    public async Task UpdateAreaAsync(ClaimsPrincipal user, int areaId, Guid expectedToken, AreaInput input, CancellationToken ct = default)
    {
        var (db, actor) = await BeginAsync(user, "UpdateArea", "StrategicArea", areaId, ct);
        await using (db)
        {
            var area = await db.StrategicAreas.SingleOrDefaultAsync(a => a.Id == areaId, ct)
                ?? throw new RuleViolationException("Området finns inte.");
            ConcurrencyTokens.Expect(db, area, expectedToken, "området");
            input = Normalise(input);
            Validate(input).ThrowIfAny();
            var before = new AreaInput(area.Title, area.Lead, area.Body);
            (area.Title, area.Lead, area.Body) = (input.Title, input.Lead, input.Body ?? "");
            Audit(db, actor, AuditActions.AreaUpdate, "StrategicArea", areaId, before, input);
            await ConcurrencyTokens.SaveAsync(db, "området", ct);
        }
    }

    /// <summary>Adds an ambition to an area, or with <paramref name="ambitionId"/> changes one.</summary>
    /// <param name="expectedToken">With <paramref name="ambitionId"/>: the ambition's token when the form was opened (a change saved since then refuses this one).</param>
    public async Task<int> SaveAmbitionAsync(ClaimsPrincipal user, int areaId, int? ambitionId, Guid? expectedToken, AmbitionInput input, CancellationToken ct = default)
    {
        if (ambitionId is not null && expectedToken is null)
        {
            throw new ArgumentNullException(nameof(expectedToken), "A change to an ambition carries the token it was read with.");
        }

        var (db, actor) = await BeginAsync(user, "SaveAmbition", "StrategicArea", areaId, ct);
        await using (db)
        {
            input = input with
            {
                Text = (input.Text ?? "").Trim(),
                Unit = string.IsNullOrWhiteSpace(input.Unit) ? null : input.Unit.Trim(),
                KoladaKpiId = string.IsNullOrWhiteSpace(input.KoladaKpiId) ? null : input.KoladaKpiId.Trim().ToUpperInvariant(),
            };
            var problems = new Problems();
            problems.Require(input.Text.Length is > 0 and <= 500, nameof(AmbitionInput.Text), "Beskriv målbilden, till exempel 50 000 invånare.");
            problems.Check(input.TargetValue, nameof(AmbitionInput.TargetValue));
            problems.Require(input.TargetYear is null or (>= 2000 and <= 2100), nameof(AmbitionInput.TargetYear), "Ange ett målår mellan 2000 och 2100.");
            problems.Require((input.Unit?.Length ?? 0) <= 100, nameof(AmbitionInput.Unit), "Enheten får vara högst 100 tecken.");
            problems.Require(
                input.KoladaKpiId is null || System.Text.RegularExpressions.Regex.IsMatch(input.KoladaKpiId, "^[NU][0-9]{5}$"),
                nameof(AmbitionInput.KoladaKpiId),
                "Ett Kolada-id är N eller U följt av fem siffror, till exempel N01951.");
            var area = await db.StrategicAreas.Include(a => a.Ambitions).SingleOrDefaultAsync(a => a.Id == areaId, ct);
            problems.Require(area is not null, "", "Området finns inte.");
            var ambition = ambitionId is null ? null : area?.Ambitions.SingleOrDefault(a => a.Id == ambitionId);
            problems.Require(ambitionId is null || ambition is not null, "", "Målbilden finns inte.");
            problems.ThrowIfAny();
            if (ambition is not null)
            {
                ConcurrencyTokens.Expect(db, ambition, expectedToken!.Value, "målbilden");
            }

            var before = ambition is null ? null : new AmbitionInput(ambition.Text, ambition.TargetValue, ambition.Unit, ambition.TargetYear, ambition.KoladaKpiId);
            if (ambition is null)
            {
                ambition = new AreaAmbition { Text = input.Text, SortOrder = area!.Ambitions.Count + 1 };
                area.Ambitions.Add(ambition);
            }

            (ambition.Text, ambition.TargetValue, ambition.Unit, ambition.TargetYear, ambition.KoladaKpiId) =
                (input.Text, input.TargetValue, input.Unit, input.TargetYear, input.KoladaKpiId);
            try
            {
                await SaveAuditedAsync(db, actor, before is null ? AuditActions.AmbitionAdd : AuditActions.AmbitionUpdate, "AreaAmbition", () => ambition.Id, before, input, ct);
            }
            catch (DbUpdateConcurrencyException e)
            {
                throw StaleFormException.Changed("målbilden", e);
            }

            return ambition.Id;
        }
    }

    private static AreaInput Normalise(AreaInput input) =>
        new((input.Title ?? "").Trim(), (input.Lead ?? "").Trim(), string.IsNullOrWhiteSpace(input.Body) ? null : input.Body.Trim());

    private static Problems Validate(AreaInput input)
    {
        var problems = new Problems();
        problems.Require(input.Title.Length > 0, nameof(AreaInput.Title), "Ange områdets rubrik.");
        problems.Require(input.Title.Length <= FieldLimits.AreaTitleMaxLength, nameof(AreaInput.Title), FieldLimits.TooLong("Rubriken", FieldLimits.AreaTitleMaxLength));
        problems.Require(Slugs.From(input.Title).Length > 0 || input.Title.Length == 0, nameof(AreaInput.Title), "Rubriken behöver innehålla bokstäver eller siffror.");
        problems.Require(input.Lead.Length > 0, nameof(AreaInput.Lead), "Ange områdets inledande text.");
        problems.Require(input.Lead.Length <= FieldLimits.AreaLeadMaxLength, nameof(AreaInput.Lead), FieldLimits.TooLong("Inledningen", FieldLimits.AreaLeadMaxLength));
        problems.Require((input.Body?.Length ?? 0) <= FieldLimits.AreaBodyMaxLength, nameof(AreaInput.Body), FieldLimits.TooLong("Texten", FieldLimits.AreaBodyMaxLength));
        return problems;
    }
}
