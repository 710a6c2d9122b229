using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Areas;
using Sandviken.Strategy.Domain.Auditing;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Municipalities;
using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Domain.Planning;
using Sandviken.Strategy.Domain.Plans;

namespace Sandviken.Strategy.Domain.Seeding;

/// <summary>What one seed run added (all zero when the database already held everything).</summary>
public sealed record SeedResult(int Municipalities, int MandatePeriods, int Areas, int PlanningCycles, int Organisations, int Plans, int Decisions)
{
    public bool AddedAnything => Municipalities + MandatePeriods + Areas + PlanningCycles + Organisations + Plans + Decisions > 0;
}

/// <summary>
/// Loads the seed files idempotently: rows are matched on their natural keys (municipality code, period
/// start year, area slug, budget year, organisation slug, plan year) and only missing ones are added, so a
/// second start adds nothing and nothing an administrator changed is overwritten.
/// </summary>
public sealed class SeedLoader(IDbContextFactory<StrategyDbContext> dbFactory, TimeProvider time)
{
    public const string SeedUser = "system (startdata)";

    /// <summary>The source of invented demo measurements, so that no one takes them for Kolada's.</summary>
    public const string DemoSource = "Exempeldata";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static MunicipalitySeed ReadMunicipalityFile(string path) => Read<MunicipalitySeed>(path);

    public static DemoSeed ReadDemoFile(string path) => Read<DemoSeed>(path);

    public async Task<SeedResult> LoadAsync(MunicipalitySeed municipalitySeed, DemoSeed? demoSeed, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;

        var municipality = await db.Municipalities.SingleOrDefaultAsync(m => m.Code == municipalitySeed.Municipality.Code, ct);
        var addedMunicipalities = 0;
        if (municipality is null)
        {
            var facts = municipalitySeed.Municipality;
            municipality = new Municipality
            {
                Code = facts.Code,
                Name = facts.Name,
                Vision = facts.Vision,
                VisionIsIncomplete = facts.VisionIsIncomplete,
                VisionDecidedOn = facts.VisionDecidedOn,
            };
            db.Municipalities.Add(municipality);
            addedMunicipalities++;
        }

        var (addedPeriods, addedAreas) = await AddMissingPeriodsAsync(db, municipality, municipalitySeed.MandatePeriods, ct);
        var addedCycles = await AddMissingCyclesAsync(db, municipality, municipalitySeed.PlanningCycles, ct);
        await db.SaveChangesAsync(ct);

        var demo = demoSeed is null
            ? (Organisations: 0, Plans: 0, Decisions: 0)
            : await AddMissingDemoContentAsync(db, municipality, demoSeed, now, ct);

        var result = new SeedResult(addedMunicipalities, addedPeriods, addedAreas, addedCycles, demo.Organisations, demo.Plans, demo.Decisions);
        if (result.AddedAnything)
        {
            db.AuditEntries.Add(new AuditEntry
            {
                AtUtc = now,
                User = SeedUser,
                Action = "Seed",
                Entity = nameof(Municipality),
                EntityId = municipality.Code,
                After = JsonSerializer.Serialize(result, JsonOptions),
            });
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return result;
    }

    private static async Task<(int Periods, int Areas)> AddMissingPeriodsAsync(
        StrategyDbContext db, Municipality municipality, IReadOnlyList<MandatePeriodSeed> seeds, CancellationToken ct)
    {
        var existing = municipality.Id == 0
            ? []
            : await db.MandatePeriods.Include(p => p.Areas).Where(p => p.MunicipalityId == municipality.Id).ToListAsync(ct);
        int addedPeriods = 0, addedAreas = 0;
        foreach (var seed in seeds)
        {
            var period = existing.SingleOrDefault(p => p.StartYear == seed.StartYear);
            if (period is null)
            {
                period = new MandatePeriod
                {
                    Municipality = municipality,
                    Name = seed.Name,
                    StartYear = seed.StartYear,
                    EndYear = seed.EndYear,
                    AreasDecidedOn = seed.AreasDecidedOn,
                    AreasDecidedBy = seed.AreasDecidedBy,
                };
                db.MandatePeriods.Add(period);
                addedPeriods++;
            }

            var sortOrder = 0;
            foreach (var areaSeed in seed.Areas)
            {
                sortOrder++;
                if (period.Areas.Any(a => a.Slug == areaSeed.Slug))
                {
                    continue;
                }

                period.Areas.Add(new StrategicArea
                {
                    Slug = areaSeed.Slug,
                    Title = areaSeed.Title,
                    Lead = areaSeed.Lead,
                    Body = areaSeed.Body,
                    SortOrder = sortOrder,
                    Ambitions = [.. (areaSeed.Ambitions ?? []).Select((a, i) => new AreaAmbition
                    {
                        Text = a.Text,
                        TargetValue = a.TargetValue,
                        Unit = a.Unit,
                        TargetYear = a.TargetYear,
                        KoladaKpiId = a.KoladaKpiId,
                        SortOrder = i + 1,
                    })],
                });
                addedAreas++;
            }
        }

        return (addedPeriods, addedAreas);
    }

    private static async Task<int> AddMissingCyclesAsync(
        StrategyDbContext db, Municipality municipality, IReadOnlyList<PlanningCycleSeed> seeds, CancellationToken ct)
    {
        var existingYears = municipality.Id == 0
            ? []
            : await db.PlanningCycles.Where(c => c.MunicipalityId == municipality.Id).Select(c => c.BudgetYear).ToListAsync(ct);
        var added = 0;
        foreach (var seed in seeds.Where(s => !existingYears.Contains(s.BudgetYear)))
        {
            db.PlanningCycles.Add(new PlanningCycle
            {
                Municipality = municipality,
                BudgetYear = seed.BudgetYear,
                DraftDeadline = seed.DraftDeadline,
                FinalDeadline = seed.FinalDeadline,
            });
            added++;
        }

        return added;
    }

    private static async Task<(int Organisations, int Plans, int Decisions)> AddMissingDemoContentAsync(
        StrategyDbContext db, Municipality municipality, DemoSeed seed, DateTime now, CancellationToken ct)
    {
        var organisations = await db.Organisations.Where(o => o.MunicipalityId == municipality.Id).ToDictionaryAsync(o => o.Slug, ct);
        var existingPlans = await db.Plans
            .Where(p => p.Organisation.MunicipalityId == municipality.Id)
            .Select(p => new { p.Organisation.Slug, p.BudgetYear })
            .ToListAsync(ct);
        var periods = await db.MandatePeriods.Include(p => p.Areas).Where(p => p.MunicipalityId == municipality.Id).ToListAsync(ct);

        var addedOrganisations = 0;
        foreach (var orgSeed in seed.Organisations.Where(o => !organisations.ContainsKey(o.Slug)))
        {
            var organisation = new Organisation
            {
                Municipality = municipality,
                Slug = orgSeed.Slug,
                Name = orgSeed.Name,
                Kind = orgSeed.Kind,
                IsActive = true,
                IsDemo = true,
            };
            organisations.Add(orgSeed.Slug, organisation);
            db.Organisations.Add(organisation);
            addedOrganisations++;
        }

        foreach (var orgSeed in seed.Organisations.Where(o => o.Parent is not null))
        {
            var organisation = organisations[orgSeed.Slug];
            if (organisation.Id == 0)
            {
                organisation.Parent = organisations.GetValueOrDefault(orgSeed.Parent!)
                    ?? throw new InvalidDataException($"Demo organisation '{orgSeed.Slug}' names an unknown parent '{orgSeed.Parent}'.");
            }
        }

        // Plans, goals and their ids first: the frozen versions refer to goal ids.
        var newPlans = new List<(Plan Plan, DemoPlanSeed Seed, List<(Goal Goal, DemoGoalSeed Seed)> Goals)>();
        foreach (var orgSeed in seed.Organisations)
        {
            foreach (var planSeed in orgSeed.Plans ?? [])
            {
                if (existingPlans.Any(p => p.Slug == orgSeed.Slug && p.BudgetYear == planSeed.BudgetYear))
                {
                    continue;
                }

                var period = periods.SingleOrDefault(p => p.Covers(planSeed.BudgetYear))
                    ?? throw new InvalidDataException($"No mandate period covers budget year {planSeed.BudgetYear} (demo plan of '{orgSeed.Slug}').");
                var plan = new Plan { Organisation = organisations[orgSeed.Slug], BudgetYear = planSeed.BudgetYear };
                var goals = (orgSeed.Goals ?? [])
                    .Where(g => (g.FromYear ?? int.MinValue) <= planSeed.BudgetYear && planSeed.BudgetYear <= (g.UntilYear ?? int.MaxValue))
                    .Select((g, i) => (Goal: NewGoal(g, i + 1, period, orgSeed.Slug), Seed: g))
                    .ToList();
                plan.Goals.AddRange(goals.Select(g => g.Goal));
                db.Plans.Add(plan);
                newPlans.Add((plan, planSeed, goals));
            }
        }

        await db.SaveChangesAsync(ct);

        var addedDecisions = 0;
        foreach (var (plan, planSeed, goals) in newPlans)
        {
            var versionNumber = 0;
            if (planSeed.Draft is { } draft)
            {
                var draftGoals = goals.Where(g => g.Seed.AddedAfterDraftIn != plan.BudgetYear).Select(g => g.Goal);
                AddDecision(db, plan, DecisionKind.Draft, draft, draftGoals, ++versionNumber, now);
                plan.Status = PlanStatus.DraftDecided;
                addedDecisions++;
            }

            if (planSeed.Final is { } final)
            {
                if (planSeed.Draft is null)
                {
                    throw new InvalidDataException($"Demo plan {plan.Organisation.Slug} {plan.BudgetYear} has a final decision without a draft decision.");
                }

                AddDecision(db, plan, DecisionKind.Final, final, goals.Select(g => g.Goal), ++versionNumber, now);
                plan.Status = PlanStatus.Final;
                addedDecisions++;
            }
        }

        // Invented follow-ups and measurements, for the plans added now (their goals and indicators have ids by now).
        foreach (var (plan, _, goals) in newPlans)
        {
            foreach (var (goal, goalSeed) in goals)
            {
                db.FollowUps.AddRange((goalSeed.FollowUps ?? []).Where(f => f.BudgetYear == plan.BudgetYear).Select(f => new FollowUps.FollowUp
                {
                    GoalId = goal.Id,
                    Point = f.Point,
                    Assessment = f.Assessment,
                    Comment = f.Comment,
                    RecordedBy = SeedUser,
                    RecordedAtUtc = now,
                }));
                foreach (var (indicator, indicatorSeed) in goal.Indicators.OrderBy(i => i.SortOrder).Zip(goalSeed.Indicators ?? []))
                {
                    db.Measurements.AddRange((indicatorSeed.Measurements ?? []).Select(m => new Measurement
                    {
                        IndicatorId = indicator.Id,
                        Period = m.Period,
                        Value = m.Value,
                        Source = DemoSource,
                        FetchedAtUtc = now,
                    }));
                }
            }
        }

        await db.SaveChangesAsync(ct);
        return (addedOrganisations, newPlans.Count, addedDecisions);
    }

    private static Goal NewGoal(DemoGoalSeed seed, int sortOrder, MandatePeriod period, string organisationSlug)
    {
        if (seed.Areas.Count == 0)
        {
            throw new InvalidDataException($"Demo goal '{seed.Title}' of '{organisationSlug}' links to no strategic area.");
        }

        return new Goal
        {
            Title = seed.Title,
            Description = seed.Description,
            SortOrder = sortOrder,
            Areas = [.. seed.Areas.Select(slug => new GoalArea
            {
                StrategicArea = period.Areas.SingleOrDefault(a => a.Slug == slug)
                    ?? throw new InvalidDataException($"Demo goal '{seed.Title}' of '{organisationSlug}' names an unknown area '{slug}' for {period.Name}."),
            })],
            Indicators = [.. (seed.Indicators ?? []).Select((i, index) => new Indicator
            {
                Name = i.Name,
                Unit = i.Unit,
                Direction = i.Direction,
                BaselineValue = i.BaselineValue,
                BaselineYear = i.BaselineYear,
                TargetValue = i.TargetValue,
                TargetYear = i.TargetYear,
                KoladaKpiId = i.KoladaKpiId,
                SortOrder = index + 1,
            })],
        };
    }

    private static void AddDecision(
        StrategyDbContext db, Plan plan, DecisionKind kind, DemoDecisionSeed seed, IEnumerable<Goal> goals, int versionNumber, DateTime now)
    {
        var content = PlanSnapshot.Of(plan, goals).ToJson();
        var decidedAtUtc = DecidedAtUtc(seed.DecidedOn, now);
        var version = new PlanVersion
        {
            Plan = plan,
            Number = versionNumber,
            Kind = kind,
            Content = content,
            ContentSha256 = PlanSnapshot.Sha256Of(content),
            CreatedAtUtc = decidedAtUtc,
        };
        db.PlanVersions.Add(version);
        db.Decisions.Add(new Decision
        {
            Plan = plan,
            Kind = kind,
            DecidedOn = seed.DecidedOn,
            DecidedBy = seed.DecidedBy ?? plan.Organisation.Name,
            Reference = seed.Reference,
            RecordedBy = SeedUser,
            RecordedAtUtc = decidedAtUtc,
            PlanVersion = version,
        });
    }

    /// <summary>
    /// When a demo decision's version was frozen and recorded: midday in Stockholm on the day of the decision, as if the
    /// secretary had recorded it straight after the meeting, so a plan decided in 2025 does not say it was created on
    /// the day the portal was first started. Never later than now: a seed file may hold a decision dated ahead.
    /// </summary>
    internal static DateTime DecidedAtUtc(DateOnly decidedOn, DateTime now)
    {
        var midday = PlanningCalendar.StartOfDayUtc(decidedOn).AddHours(12).UtcDateTime;
        return midday < now ? midday : now;
    }

    private static T Read<T>(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<T>(stream, JsonOptions)
                ?? throw new InvalidDataException($"The seed file '{path}' is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The seed file '{path}' is not valid: {e.Message}", e);
        }
    }
}
