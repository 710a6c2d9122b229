using System.Security.Claims;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Plans;
using Sandviken.Strategy.Domain.Tests.Infrastructure;
using Sandviken.Strategy.Domain.Users;
using static Sandviken.Strategy.Domain.Tests.Infrastructure.Plans;

namespace Sandviken.Strategy.Domain.Tests.Plans;

/// <summary>Who last changed a goal is kept on the goal, so that a conflict names them without searching the audit log.</summary>
public sealed class GoalLastEditorTests : IAsyncLifetime
{
    private const string Organisation = "overformyndarnamnden-i-vastra-gastrikland";

    private TestDatabase database = null!;
    private Services services = null!;
    private ClaimsPrincipal secretary = null!;
    private int planId;
    private int area;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateSeededAsync();
        services = new Services(database);
        secretary = await database.CreateAsync("sekreterare@test", Roles.Secretary, Organisation);
        planId = await database.PlanIdAsync(Organisation, 2026);
        area = await database.AreaIdAsync("vaxa-for-framtiden");
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Adding_and_changing_a_goal_record_who_and_when_and_moving_it_does_not()
    {
        var colleague = await database.CreateAsync("kollega@test", Roles.Secretary, Organisation);
        var added = await services.Editing.AddGoalAsync(secretary, planId, Goal("Mål", area));
        Assert.Equal((UserId(secretary), database.Clock.GetUtcNow().UtcDateTime), await StampAsync(added.Id));

        database.Clock.Advance(TimeSpan.FromMinutes(5));
        await services.Editing.UpdateGoalAsync(colleague, added.Id, added.ConcurrencyToken, Goal("Ändrat mål", area));
        var changed = await StampAsync(added.Id);
        Assert.Equal((UserId(colleague), database.Clock.GetUtcNow().UtcDateTime), changed);

        database.Clock.Advance(TimeSpan.FromMinutes(5));
        await services.Editing.MoveGoalAsync(secretary, added.Id, -1);
        Assert.Equal(changed, await StampAsync(added.Id));
    }

    [Fact]
    public async Task The_conflict_names_the_colleague_by_their_display_name_and_when_they_saved()
    {
        var colleague = await database.CreateAsync("karin@test", Roles.Secretary, Organisation);
        await SetDisplayNameAsync(colleague, "Karin Kollega");
        var opened = await services.Editing.AddGoalAsync(secretary, planId, Goal("Mål", area));
        database.Clock.Advance(TimeSpan.FromHours(1));
        var savedAt = database.Clock.GetUtcNow().UtcDateTime;
        await services.Editing.UpdateGoalAsync(colleague, opened.Id, opened.ConcurrencyToken, Goal("Kollegans mål", area));
        database.Clock.Advance(TimeSpan.FromHours(1));

        var conflict = await Assert.ThrowsAsync<GoalConflictException>(() =>
            services.Editing.UpdateGoalAsync(secretary, opened.Id, opened.ConcurrencyToken, Goal("Mitt mål", area)));

        Assert.Equal("Karin Kollega", conflict.ChangedBy);
        Assert.Equal(savedAt, conflict.ChangedAtUtc);
    }

    [Fact]
    public async Task Without_a_display_name_the_conflict_names_the_colleagues_e_mail_address()
    {
        var colleague = await database.CreateAsync("namnlos@test", Roles.Secretary, Organisation);
        await SetDisplayNameAsync(colleague, "");
        var opened = await services.Editing.AddGoalAsync(secretary, planId, Goal("Mål", area));
        await services.Editing.UpdateGoalAsync(colleague, opened.Id, opened.ConcurrencyToken, Goal("Kollegans mål", area));

        var conflict = await Assert.ThrowsAsync<GoalConflictException>(() =>
            services.Editing.UpdateGoalAsync(secretary, opened.Id, opened.ConcurrencyToken, Goal("Mitt mål", area)));

        Assert.Equal("namnlos@test", conflict.ChangedBy);
    }

    [Fact]
    public async Task A_goal_nobody_has_changed_here_gives_a_conflict_without_a_name()
    {
        int goalId;
        Guid token;
        await using (var db = database.CreateDbContext())
        {
            var seeded = await db.Goals.Where(g => g.PlanId == planId).OrderBy(g => g.Id).FirstAsync();
            (goalId, token) = (seeded.Id, seeded.ConcurrencyToken);
            seeded.ConcurrencyToken = Guid.NewGuid();
            await db.SaveChangesAsync();
        }

        var conflict = await Assert.ThrowsAsync<GoalConflictException>(() =>
            services.Editing.UpdateGoalAsync(secretary, goalId, token, Goal("Mitt mål", area)));

        Assert.NotNull(conflict.Current);
        Assert.Null(conflict.ChangedBy);
        Assert.Null(conflict.ChangedAtUtc);
    }

    [Fact]
    [Trait(TestProvider.Trait, TestProvider.SqliteOnly)]
    public async Task The_migration_fills_in_the_last_editor_from_the_last_goal_entry_of_the_audit_log()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var db = new StrategyDbContext(new DbContextOptionsBuilder<StrategyDbContext>()
            .UseSqlite(connection, x => x.MigrationsAssembly(DatabaseRegistration.SqliteMigrationsAssembly))
            .Options);
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        await migrator.MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_GoalUpdatedBy", StringComparison.Ordinal)) - 1]);
        // Straight through the connection: the JSON's braces are not format items.
        await using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO Municipalities (Id, Code, Name, VisionIsIncomplete) VALUES (1, '2181', 'Sandvikens kommun', 0);
            INSERT INTO Organisations (Id, MunicipalityId, Slug, Name, Kind, IsActive, IsDemo) VALUES (1, 1, 'namnden', 'Nämnden', 'Committee', 1, 0);
            INSERT INTO Plans (Id, OrganisationId, BudgetYear, Status, ConcurrencyToken) VALUES (7, 1, 2026, 'Draft', 'a'), (8, 1, 2027, 'Draft', 'b');
            INSERT INTO Goals (Id, PlanId, Title, SortOrder, ConcurrencyToken) VALUES
                (1, 7, 'Ändrat två gånger', 1, 'c'), (2, 7, 'Kopierat', 2, 'd'), (3, 7, 'Av ett borttaget konto', 3, 'e'), (12, 8, 'Annan plan', 1, 'f');
            INSERT INTO AspNetUsers (Id, UserName, DisplayName, IsActive, IsDemo, EmailConfirmed, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount) VALUES
                ('u-anna', 'anna@test', 'Anna', 1, 0, 1, 0, 0, 0, 0), ('u-bo', 'bo@test', 'Bo', 1, 0, 1, 0, 0, 0, 0);
            INSERT INTO AuditEntries (AtUtc, User, Action, Entity, EntityId, Before, After) VALUES
                ('2026-03-01 10:00:00', 'anna@test', 'Plan.Create', 'Plan', '7', NULL, '{"OrganisationId":1,"CopiedGoals":["Kopierat"]}'),
                ('2026-03-02 10:00:00', 'anna@test', 'Goal.Add', 'Plan', '7', NULL, '{"GoalId":1,"Goal":{"Title":"Mål"}}'),
                ('2026-03-03 10:00:00', 'bo@test', 'Goal.Update', 'Plan', '7', '{"GoalId":1,"Goal":{}}', '{"GoalId":1,"Goal":{"Title":"Ändrat två gånger"}}'),
                ('2026-03-04 10:00:00', 'anna@test', 'Goal.Reorder', 'Plan', '7', '{"Order":[1,2]}', '{"Order":[2,1]}'),
                ('2026-03-05 10:00:00', 'anna@test', 'Goal.Update', 'Plan', '8', '{"GoalId":1,"Goal":{}}', '{"GoalId":1,"Goal":{}}'),
                ('2026-03-06 10:00:00', 'anna@test', 'FollowUp.Record', 'Plan', '7', NULL, '{"GoalId":1,"FollowUp":{}}'),
                ('2026-03-02 11:00:00', 'borta@test', 'Goal.Add', 'Plan', '7', NULL, '{"GoalId":3,"Goal":{}}'),
                ('2026-03-02 12:00:00', 'bo@test', 'Goal.Add', 'Plan', '8', NULL, '{"GoalId":12,"Goal":{}}');
            """;
        await insert.ExecuteNonQueryAsync();

        await migrator.MigrateAsync();

        var stamps = await db.Goals.OrderBy(g => g.Id).Select(g => new { g.Id, g.UpdatedByUserId, g.UpdatedAtUtc }).ToListAsync();
        Assert.Equal(
            [
                new { Id = 1, UpdatedByUserId = (string?)"u-bo", UpdatedAtUtc = (DateTime?)new DateTime(2026, 3, 3, 10, 0, 0, DateTimeKind.Utc) },
                new { Id = 2, UpdatedByUserId = (string?)null, UpdatedAtUtc = (DateTime?)null },
                new { Id = 3, UpdatedByUserId = (string?)null, UpdatedAtUtc = (DateTime?)null },
                new { Id = 12, UpdatedByUserId = (string?)"u-bo", UpdatedAtUtc = (DateTime?)new DateTime(2026, 3, 2, 12, 0, 0, DateTimeKind.Utc) },
            ],
            stamps);
    }

    private static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private async Task<(string?, DateTime?)> StampAsync(int goalId)
    {
        await using var db = database.CreateDbContext();
        var goal = await db.Goals.AsNoTracking().SingleAsync(g => g.Id == goalId);
        return (goal.UpdatedByUserId, goal.UpdatedAtUtc);
    }

    private async Task SetDisplayNameAsync(ClaimsPrincipal user, string name)
    {
        await using var db = database.CreateDbContext();
        var id = UserId(user);
        (await db.Users.SingleAsync(u => u.Id == id)).DisplayName = name;
        await db.SaveChangesAsync();
    }
}
