using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Administration;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Domain.Plans;
using Sandviken.Strategy.Domain.Tests.Infrastructure;
using Sandviken.Strategy.Domain.Users;
using Sandviken.Strategy.Domain.Validation;

namespace Sandviken.Strategy.Domain.Tests.Concurrency;

/// <summary>
/// Writers that really run at the same time, each on its own connection to one SQLite file (issue 9, item 7;
/// ADR 0032), or to one PostgreSQL database in the PostgreSQL run (issue 11, item 2; ADR 0037): exactly one wins,
/// every other one gets a clear Swedish refusal, and nothing is written twice or lost.
/// </summary>
public sealed class SimultaneousWriterTests : IAsyncLifetime
{
    // The refusal of a decision whose plan another decision changed: before it read the plan, or between that and its save.
    private static readonly string[] DecisionRefusals =
    [
        "Någon annan ändrade planen i samma ögonblick. Inget har sparats: ladda om sidan och försök igen.",
        "Planen har ändrats sedan du öppnade den. Inget beslut har registrerats: kontrollera målen och försök igen.",
    ];

    private TestDatabase database = null!;
    private Services services = null!;
    private ClaimsPrincipal admin = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateSeededFileAsync();
        await database.EnsureRolesAsync();
        services = new Services(database);
        admin = await database.CreateAsync("admin@test", Roles.Administrator);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task A_hundred_simultaneous_decisions_on_one_plan_give_exactly_one_decision_and_99_refusals()
    {
        const string organisation = "overformyndarnamnden-i-vastra-gastrikland";
        var secretary = await database.CreateAsync("sekreterare@test", Roles.Secretary, organisation);
        var planId = await database.PlanIdAsync(organisation, 2026);
        // Every secretary's page shows the plan as it is now: the same token.
        var token = (await services.Workspace.ReadPlanAsync(secretary, planId)).PlanToken;
        var before = await CountsAsync(planId);

        var outcomes = await AllAtOnceAsync(100, i =>
            services.Decisions.RecordDecisionAsync(secretary, planId, new DecisionInput(DecisionKind.Draft, new(2026, 11, 20), "Överförmyndarnämnden", $"§ {i + 1}"), token));

        Assert.Equal(1, outcomes.Count(o => o is null));
        var refusals = outcomes.Where(o => o is not null).ToList();
        Assert.Equal(99, refusals.Count);
        Assert.All(refusals, e =>
        {
            Assert.IsType<RuleViolationException>(e);
            Assert.Contains(e!.Message, DecisionRefusals);
        });
        Assert.Equal((before.Decisions + 1, before.Versions + 1, before.DecisionAudits + 1), await CountsAsync(planId));
        Assert.Equal(PlanStatus.DraftDecided, await database.StatusAsync(planId));
    }

    [Fact]
    public async Task Overlapping_mandate_periods_saved_at_the_same_time_give_one_period_and_clear_refusals()
    {
        var periodsBefore = await PeriodCountAsync();

        // Ten periods that all contain the year 2040, with different first years (the first year is unique in itself).
        var outcomes = await AllAtOnceAsync(10, i =>
            services.Planning.AddPeriodAsync(admin, new PeriodInput($"{2031 + i}–2040", 2031 + i, 2040, new(2026, 11, 20), "Kommunfullmäktige")));

        Assert.Equal(1, outcomes.Count(o => o is null));
        Assert.All(outcomes.Where(o => o is not null), e =>
            Assert.Equal("Perioden överlappar en befintlig mandatperiod.", Assert.IsType<ValidationFailedException>(e).Errors[nameof(PeriodInput.StartYear)]));
        Assert.Equal(periodsBefore + 1, await PeriodCountAsync());
    }

    [Fact]
    public async Task Twenty_administrators_saving_one_organisation_form_at_once_save_it_once()
    {
        var id = await database.OrganisationIdAsync("kunskapsnamnden");
        var token = await database.OrganisationTokenAsync(id);

        var outcomes = await AllAtOnceAsync(20, i =>
            services.Organisations.UpdateAsync(admin, id, token, new($"Kunskapsnämnden {i}", OrganisationKind.Committee, null, true)));

        Assert.Equal(1, outcomes.Count(o => o is null));
        Assert.All(outcomes.Where(o => o is not null), e => Assert.StartsWith("Någon annan har ändrat organisationen", Assert.IsType<StaleFormException>(e).Message, StringComparison.Ordinal));
        await using var db = database.CreateDbContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "Organisation.Update"));
    }

    [Fact]
    public async Task A_thousand_saves_with_a_stale_token_are_all_refused_and_lose_no_update()
    {
        var id = await database.OrganisationIdAsync("kunskapsnamnden");
        var stale = await database.OrganisationTokenAsync(id);
        // One administrator saves first: every other form still holds the token from before that save.
        await services.Organisations.UpdateAsync(admin, id, stale, new("Kunskapsnämnden (sparad först)", OrganisationKind.Committee, null, true));

        var outcomes = await AllAtOnceAsync(1000, i =>
            services.Organisations.UpdateAsync(admin, id, stale, new($"Kunskapsnämnden {i}", OrganisationKind.Committee, null, true)));

        Assert.Equal(1000, outcomes.Count(o => o is StaleFormException));
        await using var db = database.CreateDbContext();
        Assert.Equal("Kunskapsnämnden (sparad först)", await db.Organisations.Where(o => o.Id == id).Select(o => o.Name).SingleAsync());
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "Organisation.Update"));
    }

    /// <summary>Starts every attempt at once on the thread pool; null for a success, else what it threw.</summary>
    private static async Task<Exception?[]> AllAtOnceAsync(int count, Func<int, Task> attempt)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await start.Task;
            try
            {
                await attempt(i);
                return null;
            }
            catch (Exception e)
            {
                return e;
            }
        })).ToList();
        start.SetResult();
        return await Task.WhenAll(tasks);
    }

    private async Task<(int Decisions, int Versions, int DecisionAudits)> CountsAsync(int planId)
    {
        await using var db = database.CreateDbContext();
        return (
            await db.Decisions.CountAsync(d => d.PlanId == planId),
            await db.PlanVersions.CountAsync(v => v.PlanId == planId),
            await db.AuditEntries.CountAsync(a => a.Action == "Decision.Record"));
    }

    private async Task<int> PeriodCountAsync()
    {
        await using var db = database.CreateDbContext();
        return await db.MandatePeriods.CountAsync();
    }
}
