using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Sandviken.Strategy.Domain.FollowUps;
using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Domain.Tests.Infrastructure;
using Sandviken.Strategy.Domain.Users;
using Sandviken.Strategy.Domain.Validation;

namespace Sandviken.Strategy.Domain.Tests.Concurrency;

/// <summary>
/// A form opened before someone else saved the same thing is refused in Swedish and overwrites nothing (issue 9,
/// item 7; ADR 0032): accounts, organisations, areas, ambitions, cycles, follow-ups and values.
/// </summary>
public sealed class StaleFormTests : IAsyncLifetime
{
    private const string Reload = "sedan du öppnade formuläret. Inget har sparats: ladda om sidan och gör om ändringen.";

    private TestDatabase database = null!;
    private Services services = null!;
    private ClaimsPrincipal admin = null!;
    private ClaimsPrincipal colleague = null!;
    private ClaimsPrincipal secretary = null!;
    private ClaimsPrincipal otherSecretary = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateSeededAsync();
        await database.EnsureRolesAsync();
        services = new Services(database);
        admin = await database.CreateAsync("admin@test", Roles.Administrator);
        colleague = await database.CreateAsync("kollega@test", Roles.Administrator);
        secretary = await database.CreateAsync("sekreterare@test", Roles.Secretary, "kunskapsnamnden");
        otherSecretary = await database.CreateAsync("sekreterare2@test", Roles.Secretary, "kunskapsnamnden");
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task A_name_change_from_a_form_opened_before_a_deactivation_is_refused_and_the_account_stays_inactive()
    {
        var person = await database.CreateAsync("person@test", Roles.Secretary, "kunskapsnamnden");
        var id = person.FindFirstValue(ClaimTypes.NameIdentifier)!;
        // Both administrators open the account's form.
        var mine = (await services.Users.ListAsync(admin)).Single(u => u.Id == id);
        var theirs = (await services.Users.ListAsync(colleague)).Single(u => u.Id == id);

        await services.Users.UpdateAsync(colleague, id, theirs.ConcurrencyToken, new(theirs.DisplayName, false, theirs.Roles, theirs.OrganisationIds));
        var error = await Assert.ThrowsAsync<StaleFormException>(() =>
            services.Users.UpdateAsync(admin, id, mine.ConcurrencyToken, new("Nytt Namn", true, mine.Roles, mine.OrganisationIds)));

        Assert.Equal($"Någon annan har ändrat kontot {Reload}", error.Message);
        var now = (await services.Users.ListAsync(admin)).Single(u => u.Id == id);
        Assert.Equal(("person@test", false), (now.DisplayName, now.IsActive));
        await using var db = database.CreateDbContext();
        Assert.Equal("User.Deactivate", Assert.Single(await db.AuditEntries.Where(a => a.Entity == "User" && a.EntityId == id).Select(a => a.Action).ToListAsync()));
    }

    [Fact]
    public async Task A_deactivation_saved_between_the_check_and_the_update_still_refuses_the_older_form()
    {
        var person = await database.CreateAsync("person@test", Roles.Secretary, "kunskapsnamnden");
        var id = person.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var mine = (await services.Users.ListAsync(admin)).Single(u => u.Id == id);
        database.Interceptors.Add(new JustBeforeTheSave($"UPDATE \"AspNetUsers\" SET \"IsActive\" = {false}, \"ConcurrencyToken\" = {NewToken()} WHERE \"Id\" = {id}"));

        var error = await Assert.ThrowsAsync<StaleFormException>(() =>
            services.Users.UpdateAsync(admin, id, mine.ConcurrencyToken, new("Nytt Namn", true, mine.Roles, mine.OrganisationIds)));

        Assert.StartsWith("Någon annan har ändrat kontot", error.Message, StringComparison.Ordinal);
        database.Interceptors.Clear();
        var now = (await services.Users.ListAsync(admin)).Single(u => u.Id == id);
        Assert.Equal(("person@test", false), (now.DisplayName, now.IsActive));
    }

    [Fact]
    public async Task An_organisation_changed_between_the_check_and_the_update_is_not_overwritten()
    {
        var id = await database.OrganisationIdAsync("kunskapsnamnden");
        var token = await database.OrganisationTokenAsync(id);
        database.Interceptors.Add(new JustBeforeTheSave($"UPDATE \"Organisations\" SET \"IsActive\" = {false}, \"ConcurrencyToken\" = {NewToken()} WHERE \"Id\" = {id}"));

        await Assert.ThrowsAsync<StaleFormException>(() =>
            services.Organisations.UpdateAsync(admin, id, token, new("Kunskapsnämnden", OrganisationKind.Committee, null, true)));

        database.Interceptors.Clear();
        Assert.False((await services.Organisations.ListAsync(admin)).Single(o => o.Id == id).IsActive);
    }

    [Fact]
    public async Task An_assessment_recorded_after_the_panel_was_read_is_not_overwritten_by_a_first_one()
    {
        var goal = await FirstGoalAsync();
        // Both secretaries' panels show no interim assessment (token null); the colleague saves first.
        await services.FollowUps.RecordFollowUpAsync(otherSecretary, goal, new(FollowUpPoint.InterimReport, Assessment.NotMet, "Försenat."), null);

        var error = await Assert.ThrowsAsync<StaleFormException>(() =>
            services.FollowUps.RecordFollowUpAsync(secretary, goal, new(FollowUpPoint.InterimReport, Assessment.Met, null), null));

        Assert.Equal($"Någon annan har sparat bedömningen för delårsrapporten {Reload}", error.Message);
        await using var db = database.CreateDbContext();
        var stored = await db.FollowUps.SingleAsync(f => f.GoalId == goal && f.Point == FollowUpPoint.InterimReport);
        Assert.Equal((Assessment.NotMet, "sekreterare2@test"), (stored.Assessment, stored.RecordedBy));
    }

    [Fact]
    public async Task A_value_recorded_after_the_panel_was_read_is_not_overwritten()
    {
        var indicator = await FirstIndicatorAsync();
        var shown = await database.MeasurementTokenAsync(indicator, "2026");
        await services.FollowUps.RecordMeasurementAsync(otherSecretary, indicator, new("2026", 41m), shown);

        var error = await Assert.ThrowsAsync<StaleFormException>(() =>
            services.FollowUps.RecordMeasurementAsync(secretary, indicator, new("2026", 42m), shown));

        Assert.StartsWith("Någon annan har", error.Message, StringComparison.Ordinal);
        Assert.Contains("värdet för 2026", error.Message, StringComparison.Ordinal);
        await using var db = database.CreateDbContext();
        Assert.Equal(41m, await db.Measurements.Where(m => m.IndicatorId == indicator && m.Period == "2026" && m.Source == FollowUpService.ManualSource).Select(m => m.Value).SingleAsync());
    }

    [Fact]
    public async Task A_cycle_added_by_someone_else_is_not_overwritten_by_a_form_that_showed_none()
    {
        await services.Planning.SaveCycleAsync(colleague, new(2027, new(2026, 4, 30), new(2026, 9, 30)), null);

        var error = await Assert.ThrowsAsync<StaleFormException>(() => services.Planning.SaveCycleAsync(admin, new(2027, new(2026, 5, 1), new(2026, 9, 1)), null));

        Assert.Equal($"Någon annan har sparat planeringsomgången för budgetår 2027 {Reload}", error.Message);
        Assert.Equal(new DateOnly(2026, 4, 30), (await services.Planning.ListCyclesAsync(admin)).Single(c => c.BudgetYear == 2027).DraftDeadline);
    }

    /// <summary>
    /// 1,000 pairs of saves from the same form, spread over every kind of update: in each pair the first is saved and
    /// the second, which still carries the token the form was opened with, is refused. Nothing is overwritten.
    /// </summary>
    [Fact]
    public async Task A_thousand_stale_saves_give_a_thousand_refusals_and_overwrite_nothing()
    {
        var person = (await database.CreateAsync("person@test", Roles.Secretary, "kunskapsnamnden")).FindFirstValue(ClaimTypes.NameIdentifier)!;
        var organisation = await database.OrganisationIdAsync("kunskapsnamnden");
        var area = await database.AreaIdAsync("vaxa-for-framtiden");
        var ambition = await services.Planning.SaveAmbitionAsync(admin, area, null, null, new("Målbild", 1m, "st", 2030, null));
        await services.Planning.SaveCycleAsync(admin, new(2027, new(2026, 4, 30), new(2026, 9, 30)), null);
        var goal = await FirstGoalAsync();
        var indicator = await FirstIndicatorAsync();
        await services.FollowUps.RecordFollowUpAsync(secretary, goal, new(FollowUpPoint.AnnualReport, Assessment.Met, null), await database.FollowUpTokenAsync(goal, FollowUpPoint.AnnualReport));
        await services.FollowUps.RecordMeasurementAsync(secretary, indicator, new("2025", 1m), await database.MeasurementTokenAsync(indicator, "2025"));
        var auditBefore = await AuditCountAsync();

        // Each kind: read the token as a form would, then the save of the one who is first and of the one who is second.
        Func<int, Task<(Func<Task> First, Func<Task> Second)>>[] kinds =
        [
            async i =>
            {
                var token = await database.UserTokenAsync(person);
                return (() => services.Users.UpdateAsync(colleague, person, token, new($"Först {i}", true, [Roles.Secretary], [organisation])),
                        () => services.Users.UpdateAsync(admin, person, token, new($"Sedan {i}", true, [Roles.Secretary], [organisation])));
            },
            async i =>
            {
                var token = await database.OrganisationTokenAsync(organisation);
                return (() => services.Organisations.UpdateAsync(colleague, organisation, token, new($"Kunskapsnämnden {i}", OrganisationKind.Committee, null, true)),
                        () => services.Organisations.UpdateAsync(admin, organisation, token, new($"Kunskapsnämnden sedan {i}", OrganisationKind.Committee, null, true)));
            },
            async i =>
            {
                var token = await database.AreaTokenAsync(area);
                return (() => services.Planning.UpdateAreaAsync(colleague, area, token, new($"Växa {i}", "Först.", null)),
                        () => services.Planning.UpdateAreaAsync(admin, area, token, new($"Växa sedan {i}", "Sedan.", null)));
            },
            async i =>
            {
                var token = await database.AmbitionTokenAsync(ambition);
                return (() => services.Planning.SaveAmbitionAsync(colleague, area, ambition, token, new($"Målbild {i}", i, "st", 2030, null)),
                        () => services.Planning.SaveAmbitionAsync(admin, area, ambition, token, new($"Målbild sedan {i}", 1000 + i, "st", 2030, null)));
            },
            async i =>
            {
                var token = await database.CycleTokenAsync(2027);
                return (() => services.Planning.SaveCycleAsync(colleague, new(2027, new DateOnly(2026, 1, 1).AddDays(i % 200), new(2026, 9, 30)), token),
                        () => services.Planning.SaveCycleAsync(admin, new(2027, new(2026, 8, 1), new(2026, 9, 30)), token));
            },
            async i =>
            {
                var token = await database.FollowUpTokenAsync(goal, FollowUpPoint.AnnualReport);
                return (() => services.FollowUps.RecordFollowUpAsync(otherSecretary, goal, new(FollowUpPoint.AnnualReport, Assessment.PartlyMet, $"Först {i}"), token),
                        () => services.FollowUps.RecordFollowUpAsync(secretary, goal, new(FollowUpPoint.AnnualReport, Assessment.NotMet, $"Sedan {i}"), token));
            },
            async i =>
            {
                var token = await database.MeasurementTokenAsync(indicator, "2025");
                return (() => services.FollowUps.RecordMeasurementAsync(otherSecretary, indicator, new("2025", i), token),
                        () => services.FollowUps.RecordMeasurementAsync(secretary, indicator, new("2025", 1000 + i), token));
            },
        ];

        var refusals = 0;
        for (var i = 0; i < 1000; i++)
        {
            var (first, second) = await kinds[i % kinds.Length](i);
            await first();
            var error = await Assert.ThrowsAsync<StaleFormException>(second);
            Assert.StartsWith("Någon annan har ", error.Message, StringComparison.Ordinal);
            Assert.EndsWith(Reload, error.Message, StringComparison.Ordinal);
            refusals++;
        }

        Assert.Equal(1000, refusals);
        // Only the first of each pair was saved (and audited); what is stored is the last first save of each kind.
        Assert.Equal(auditBefore + 1000, await AuditCountAsync());
        await using var db = database.CreateDbContext();
        Assert.Equal("Först 994", await db.Users.Where(u => u.Id == person).Select(u => u.DisplayName).SingleAsync());
        Assert.Equal("Kunskapsnämnden 995", await db.Organisations.Where(o => o.Id == organisation).Select(o => o.Name).SingleAsync());
        Assert.Equal("Växa 996", await db.StrategicAreas.Where(a => a.Id == area).Select(a => a.Title).SingleAsync());
        Assert.Equal("Målbild 997", await db.AreaAmbitions.Where(a => a.Id == ambition).Select(a => a.Text).SingleAsync());
        Assert.Equal(new DateOnly(2026, 1, 1).AddDays(998 % 200), await db.PlanningCycles.Where(c => c.BudgetYear == 2027).Select(c => c.DraftDeadline).SingleAsync());
        Assert.Equal("Först 999", await db.FollowUps.Where(f => f.GoalId == goal && f.Point == FollowUpPoint.AnnualReport).Select(f => f.Comment).SingleAsync());
        Assert.Equal(993m, await db.Measurements.Where(m => m.IndicatorId == indicator && m.Period == "2025" && m.Source == FollowUpService.ManualSource).Select(m => m.Value).SingleAsync());
    }

    private async Task<int> AuditCountAsync()
    {
        await using var db = database.CreateDbContext();
        return await db.AuditEntries.CountAsync();
    }

    private async Task<int> FirstGoalAsync()
    {
        var planId = await database.PlanIdAsync("kunskapsnamnden", 2025);
        await using var db = database.CreateDbContext();
        return await db.Goals.Where(g => g.PlanId == planId).OrderBy(g => g.SortOrder).Select(g => g.Id).FirstAsync();
    }

    private async Task<int> FirstIndicatorAsync()
    {
        var planId = await database.PlanIdAsync("kunskapsnamnden", 2025);
        await using var db = database.CreateDbContext();
        return await db.Indicators.Where(i => i.Goal.PlanId == planId).OrderBy(i => i.Id).Select(i => i.Id).FirstAsync();
    }

    /// <summary>A new token as the column holds it: SQLite keeps a Guid as upper-case text, PostgreSQL as uuid.</summary>
    private static object NewToken() => TestProvider.IsPostgreSql ? Guid.NewGuid() : Guid.NewGuid().ToString().ToUpperInvariant();

    /// <summary>Another session's change lands after the service has checked the token and before its UPDATE.</summary>
    private sealed class JustBeforeTheSave(FormattableString sql) : SaveChangesInterceptor
    {
        private bool done;

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (!done && eventData.Context is { } context)
            {
                done = true;
                await context.Database.ExecuteSqlAsync(sql, cancellationToken);
            }

            return result;
        }
    }
}
