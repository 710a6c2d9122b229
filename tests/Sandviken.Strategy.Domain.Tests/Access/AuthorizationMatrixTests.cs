using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Sandviken.Strategy.Domain.Access;
using Sandviken.Strategy.Domain.FollowUps;
using Sandviken.Strategy.Domain.Planning;
using Sandviken.Strategy.Domain.Tests.Infrastructure;
using Sandviken.Strategy.Domain.Users;
using static Sandviken.Strategy.Domain.Tests.Infrastructure.Plans;

namespace Sandviken.Strategy.Domain.Tests.Access;

/// <summary>
/// Every role × every operation × own and other organisation, straight through the domain services with
/// principals that carry nothing but a user id (or lie about their role): the database decides.
/// </summary>
public sealed class AuthorizationMatrixTests
{
    private const string Own = "kunskapsnamnden";
    private const string Other = "sandvikenhus-ab";

    public enum Who
    {
        Anonymous,
        Official,
        Politician,
        SecretaryOfOwn,
        SecretaryOfOther,
        Administrator,
        DeactivatedSecretaryOfOwn,
        SecretaryClaimingAdministrator,
        UnknownUserId,
    }

    private static readonly string[] Operations =
        ["ReadWorkingCopy", "ReadHistory", "AddGoal", "UpdateGoal", "MoveGoal", "RemoveGoal", "RecordDecision", "ReopenPlan", "CreatePlan", "RecordFollowUp", "RecordMeasurement"];

    public static TheoryData<Who> Everyone => [.. Enum.GetValues<Who>()];

    [Theory]
    [MemberData(nameof(Everyone))]
    public async Task Each_operation_is_allowed_exactly_as_DESIGN_section_4_says(Who who)
    {
        await using var database = await TestDatabase.CreateSeededAsync();
        var services = new Services(database);
        await AddCycleAsync(database, 2027);
        await AddCycleAsync(database, 2028);
        var admin = await database.CreateAsync("admin@test", Roles.Administrator);
        var targets = new Dictionary<string, Target>
        {
            [Own] = await PrepareAsync(database, services, admin, Own),
            [Other] = await PrepareAsync(database, services, admin, Other),
        };
        var user = await PrincipalAsync(database, who);

        var outcomes = new List<string>();
        foreach (var slug in new[] { Own, Other })
        {
            foreach (var operation in Operations)
            {
                var allowed = await TryAsync(() => RunAsync(services, database, user, operation, targets[slug]));
                var expected = Expected(who, operation, slug);
                if (allowed != expected)
                {
                    outcomes.Add($"{operation} on {slug}: expected {(expected ? "allowed" : "refused")}, was {(allowed ? "allowed" : "refused")}");
                }
            }
        }

        Assert.Empty(outcomes);
        var refusals = services.Log.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.StartsWith("Refused", StringComparison.Ordinal));
        Assert.Equal(Operations.Length * 2 - Enumerable.Range(0, 2).Sum(i => Operations.Count(o => Expected(who, o, i == 0 ? Own : Other))), refusals);
    }

    [Theory]
    [InlineData(Who.SecretaryOfOther)]
    [InlineData(Who.Anonymous)]
    [InlineData(Who.Official)]
    [InlineData(Who.DeactivatedSecretaryOfOwn)]
    public async Task Refused_attempts_change_nothing_in_the_database(Who who)
    {
        await using var database = await TestDatabase.CreateSeededAsync();
        var services = new Services(database);
        await AddCycleAsync(database, 2027);
        await AddCycleAsync(database, 2028);
        var admin = await database.CreateAsync("admin@test", Roles.Administrator);
        var target = await PrepareAsync(database, services, admin, Own);
        var before = await FingerprintAsync(database);
        var user = await PrincipalAsync(database, who);

        foreach (var operation in Operations.Where(o => !o.StartsWith("Read", StringComparison.Ordinal)))
        {
            Assert.False(await TryAsync(() => RunAsync(services, database, user, operation, target)), operation);
        }

        Assert.Equal(before, await FingerprintAsync(database));
    }

    private static bool Expected(Who who, string operation, string organisation)
    {
        var reading = operation.StartsWith("Read", StringComparison.Ordinal);
        return who switch
        {
            Who.Administrator => true,
            Who.Official or Who.Politician => reading,
            Who.SecretaryOfOwn or Who.SecretaryClaimingAdministrator => organisation == Own && operation != "ReopenPlan",
            Who.SecretaryOfOther => organisation == Other && operation != "ReopenPlan",
            _ => false,
        };
    }

    private static async Task<bool> TryAsync(Func<Task> operation)
    {
        try
        {
            await operation();
            return true;
        }
        catch (AccessDeniedException)
        {
            return false;
        }
    }

    private sealed record Target(int OrganisationId, int DraftPlanId, int FinalPlanId);

    private static async Task<Target> PrepareAsync(TestDatabase database, Services services, ClaimsPrincipal admin, string slug)
    {
        var organisationId = await database.OrganisationIdAsync(slug);
        var area = await database.AreaIdAsync("vaxa-for-framtiden");
        var planId = await services.Editing.CreatePlanAsync(admin, organisationId, 2027, copyPreviousYear: false);
        await services.Editing.AddGoalAsync(admin, planId, Goal("Första målet", area));
        await services.Editing.AddGoalAsync(admin, planId, Goal("Andra målet", area));
        return new Target(organisationId, planId, await database.PlanIdAsync(slug, 2025));
    }

    private static async Task RunAsync(Services services, TestDatabase database, ClaimsPrincipal user, string operation, Target target)
    {
        var area = await database.AreaIdAsync("vaxa-for-framtiden");
        await using var db = database.CreateDbContext();
        var goals = await db.Goals.Where(g => g.PlanId == target.DraftPlanId).OrderBy(g => g.SortOrder).Select(g => new { g.Id, g.ConcurrencyToken }).ToListAsync();
        switch (operation)
        {
            case "ReadWorkingCopy":
                await services.Workspace.ReadPlanAsync(user, target.DraftPlanId);
                break;
            case "ReadHistory":
                await services.Workspace.ReadHistoryAsync(user, target.DraftPlanId);
                break;
            case "AddGoal":
                await services.Editing.AddGoalAsync(user, target.DraftPlanId, Goal("Tillagt mål", area));
                break;
            case "UpdateGoal":
                await services.Editing.UpdateGoalAsync(user, goals[0].Id, goals[0].ConcurrencyToken, Goal("Ändrat mål", area));
                break;
            case "MoveGoal":
                await services.Editing.MoveGoalAsync(user, goals[1].Id, -1);
                break;
            case "RemoveGoal":
                await services.Editing.RemoveGoalAsync(user, goals[^1].Id, goals[^1].ConcurrencyToken);
                break;
            case "RecordDecision":
                await services.Decisions.RecordDecisionAsync(user, target.DraftPlanId, Draft(new(2026, 11, 20)));
                break;
            case "ReopenPlan":
                await services.Decisions.ReopenAsync(user, target.FinalPlanId, "Omprövning efter nytt budgetbeslut.");
                break;
            case "CreatePlan":
                await services.Editing.CreatePlanAsync(user, target.OrganisationId, 2028, copyPreviousYear: true);
                break;
            // Follow-up goes to the decided plan: it is allowed in every status, and its demo goals have indicators.
            case "RecordFollowUp":
                var goal = await db.Goals.Where(g => g.PlanId == target.FinalPlanId).OrderBy(g => g.Id).Select(g => g.Id).FirstAsync();
                await services.FollowUps.RecordFollowUpAsync(user, goal, new(FollowUpPoint.InterimReport, Assessment.PartlyMet, "Halvvägs."));
                break;
            case "RecordMeasurement":
                var indicator = await db.Indicators.Where(i => i.Goal.PlanId == target.FinalPlanId).OrderBy(i => i.Id).Select(i => i.Id).FirstAsync();
                await services.FollowUps.RecordMeasurementAsync(user, indicator, new("2026", 12.5m));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, null);
        }
    }

    private static async Task<ClaimsPrincipal> PrincipalAsync(TestDatabase database, Who who) => who switch
    {
        Who.Anonymous => TestUsers.Anonymous,
        Who.Official => await database.CreateAsync("tjansteperson@test", Roles.Official),
        Who.Politician => await database.CreateAsync("politiker@test", Roles.Politician),
        Who.SecretaryOfOwn => await database.CreateAsync("sekreterare@test", Roles.Secretary, Own),
        Who.SecretaryOfOther => await database.CreateAsync("annan@test", Roles.Secretary, Other),
        Who.Administrator => await database.CreateAsync("admin2@test", Roles.Administrator),
        Who.DeactivatedSecretaryOfOwn => await DeactivatedAsync(database),
        Who.SecretaryClaimingAdministrator => await ClaimingAdministratorAsync(database),
        Who.UnknownUserId => TestUsers.PrincipalOf(Guid.NewGuid().ToString(), "ingen@test", new Claim(ClaimTypes.Role, Roles.Administrator)),
        _ => throw new ArgumentOutOfRangeException(nameof(who)),
    };

    private static async Task<ClaimsPrincipal> DeactivatedAsync(TestDatabase database)
    {
        var user = await database.CreateAsync("slutat@test", Roles.Secretary, Own);
        await database.DeactivateAsync(user);
        return user;
    }

    private static async Task<ClaimsPrincipal> ClaimingAdministratorAsync(TestDatabase database)
    {
        var user = await database.CreateAsync("sekreterare@test", Roles.Secretary, Own);
        return TestUsers.PrincipalOf(user.FindFirstValue(ClaimTypes.NameIdentifier)!, "sekreterare@test", new Claim(ClaimTypes.Role, Roles.Administrator));
    }

    private static async Task AddCycleAsync(TestDatabase database, int budgetYear)
    {
        await using var db = database.CreateDbContext();
        db.PlanningCycles.Add(new PlanningCycle
        {
            MunicipalityId = (await db.Municipalities.SingleAsync()).Id,
            BudgetYear = budgetYear,
            DraftDeadline = new(budgetYear - 1, 4, 30),
            FinalDeadline = new(budgetYear - 1, 9, 30),
        });
        var period = await db.MandatePeriods.SingleAsync();
        period.EndYear = Math.Max(period.EndYear, budgetYear);
        await db.SaveChangesAsync();
    }

    private static async Task<string> FingerprintAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        var plans = await db.Plans.OrderBy(p => p.Id).Select(p => $"{p.Id}:{p.Status}:{p.ConcurrencyToken}").ToListAsync();
        var goals = await db.Goals.OrderBy(g => g.Id).Select(g => $"{g.Id}:{g.Title}:{g.SortOrder}:{g.ConcurrencyToken}").ToListAsync();
        return string.Join("|", plans) + "#" + string.Join("|", goals) + "#" +
            await db.Decisions.CountAsync() + "#" + await db.PlanVersions.CountAsync() + "#" + await db.AuditEntries.CountAsync() + "#" +
            string.Join("|", await db.FollowUps.OrderBy(f => f.Id).Select(f => $"{f.Id}:{f.Assessment}:{f.Comment}").ToListAsync()) + "#" +
            string.Join("|", await db.Measurements.OrderBy(m => m.Id).Select(m => $"{m.Id}:{m.Period}:{m.Value}").ToListAsync());
    }
}
