using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Administration;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Domain.Plans;
using Sandviken.Strategy.Domain.Tests.Infrastructure;
using Sandviken.Strategy.Domain.Users;

namespace Sandviken.Strategy.Domain.Tests.Properties;

/// <summary>
/// One real SQLite database per property test class (xUnit class fixture): Sandviken's seed without the demo
/// content, the four roles and an administrator. Budget year 2026 has a planning cycle and the four areas.
/// </summary>
public sealed class PropertyDatabase : IAsyncLifetime
{
    public const int BudgetYear = 2026;

    private int organisations;

    public TestDatabase Database { get; private set; } = null!;

    public Services Services { get; private set; } = null!;

    public ClaimsPrincipal Administrator { get; private set; } = null!;

    /// <summary>The areas of the 2023–2026 mandate period.</summary>
    public IReadOnlyList<int> AreaIds { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateSeededAsync(includeDemo: false);
        await Database.EnsureRolesAsync();
        Services = new Services(Database);
        Administrator = await Database.CreateAsync("admin@fuzz.test", Roles.Administrator);
        await using var db = Database.CreateDbContext();
        AreaIds = await db.StrategicAreas.Where(a => a.MandatePeriod.StartYear <= BudgetYear && a.MandatePeriod.EndYear >= BudgetYear)
            .OrderBy(a => a.Id).Select(a => a.Id).ToListAsync();
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();

    /// <summary>A new committee with a 2026 plan holding one goal with one indicator; returns the plan's id.</summary>
    public async Task<int> NewPlanAsync(string? kpi = null)
    {
        var name = "Provnämnd " + (++organisations).ToString(CultureInfo.InvariantCulture);
        var organisationId = await Services.Organisations.AddAsync(Administrator, new OrganisationInput(name, OrganisationKind.Committee, null, true));
        var planId = await Services.Editing.CreatePlanAsync(Administrator, organisationId, BudgetYear, copyPreviousYear: false);
        await Services.Editing.AddGoalAsync(Administrator, planId, new GoalInput(
            "Ett mål", null, [AreaIds[0]],
            [new IndicatorInput("Andel", "procent", IndicatorDirection.Increase, 10m, 2024, 20m, 2026, kpi)]));
        return planId;
    }

    /// <summary>Takes a plan through both decisions, so that it is fastställd.</summary>
    public async Task DecideAsync(int planId)
    {
        await Services.Decisions.RecordDecisionAsync(Administrator, planId, new DecisionInput(DecisionKind.Draft, new DateOnly(2025, 4, 20), "Nämnden", "§ 1"));
        await Services.Decisions.RecordDecisionAsync(Administrator, planId, new DecisionInput(DecisionKind.Final, new DateOnly(2025, 9, 20), "Nämnden", "§ 2"));
    }
}
