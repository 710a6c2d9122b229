using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Auditing;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.FollowUps;
using Sandviken.Strategy.Domain.Kolada;
using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Domain.Plans;
using Sandviken.Strategy.Domain.Tests.Infrastructure;
using Sandviken.Strategy.Domain.Users;
using static Sandviken.Strategy.Domain.Tests.Infrastructure.Plans;

namespace Sandviken.Strategy.Domain.Tests.Auditing;

/// <summary>Every kind of change writes exactly one audit entry: who, when (UTC), what, and before and after.</summary>
public sealed class AuditCoverageTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Every_kind_of_change_is_audited_once_with_who_when_and_what()
    {
        await using var database = await TestDatabase.CreateSeededAsync();
        await database.EnsureRolesAsync();
        var services = new Services(database);
        var admin = await database.CreateAsync("admin@test", Roles.Administrator);
        var secretary = await database.CreateAsync("sekreterare@test", Roles.Secretary, "kunskapsnamnden");
        await using (var db = database.CreateDbContext())
        {
            var account = await db.Users.SingleAsync(u => u.UserName == "sekreterare@test");
            account.PasswordHash = new PasswordHasher<PortalUser>().HashPassword(account, "ett tillfälligt lösenord");
            await db.SaveChangesAsync();
        }

        var kunskap = await database.OrganisationIdAsync("kunskapsnamnden");
        var education = await database.AreaIdAsync("utbildning-som-gor-skillnad");
        var growth = await database.AreaIdAsync("vaxa-for-framtiden");
        var seen = new List<string>();

        async Task<AuditEntry> Expect(string action, string user, Func<Task> change)
        {
            await using var db = database.CreateDbContext();
            var lastId = await db.AuditEntries.MaxAsync(a => (int?)a.Id) ?? 0;
            await change();
            var added = await db.AuditEntries.AsNoTracking().Where(a => a.Id > lastId).ToListAsync();
            var entry = Assert.Single(added);
            Assert.Equal((action, user, Now), (entry.Action, entry.User, entry.AtUtc));
            Assert.False(string.IsNullOrEmpty(entry.Entity) || string.IsNullOrEmpty(entry.EntityId));
            seen.Add(action);
            return entry;
        }

        // Planning: a cycle, the next year's period with an area and an ambition.
        await Expect("Cycle.Add", "admin@test", () => services.Planning.SaveCycleAsync(admin, new(2027, new(2026, 4, 30), new(2026, 9, 30))));
        await Expect("Cycle.Update", "admin@test", async () => await services.Planning.SaveCycleAsync(admin, new(2027, new(2026, 4, 29), new(2026, 9, 30)), await database.CycleTokenAsync(2027)));
        var period = 0;
        await Expect("Period.Add", "admin@test", async () => period = await services.Planning.AddPeriodAsync(admin, new("2028–2031", 2028, 2031, new(2026, 11, 20), "Kommunfullmäktige")));
        var area = 0;
        await Expect("Area.Add", "admin@test", async () => area = await services.Planning.AddAreaAsync(admin, period, new("Nytt område", "Inledning", null)));
        await Expect("Area.Update", "admin@test", async () => await services.Planning.UpdateAreaAsync(admin, area, await database.AreaTokenAsync(area), new("Nytt område", "Ny inledning", null)));
        var ambition = 0;
        await Expect("Ambition.Add", "admin@test", async () => ambition = await services.Planning.SaveAmbitionAsync(admin, area, null, null, new("Fler jobb", 100m, "st", 2030, null)));
        await Expect("Ambition.Update", "admin@test", async () => await services.Planning.SaveAmbitionAsync(admin, area, ambition, await database.AmbitionTokenAsync(ambition), new("Fler jobb", 120m, "st", 2030, null)));

        // Organisations and accounts.
        var organisation = 0;
        await Expect("Organisation.Add", "admin@test", async () => organisation = await services.Organisations.AddAsync(admin, new("Ny nämnd", OrganisationKind.Committee, null, true)));
        await Expect("Organisation.Update", "admin@test", async () => await services.Organisations.UpdateAsync(admin, organisation, await database.OrganisationTokenAsync(organisation), new("Ny nämnd", OrganisationKind.Committee, null, false)));
        var userId = "";
        await Expect("User.Create", "admin@test", async () => userId = await services.Users.CreateAsync(admin, new("ny@test.example", "Ny", "ett långt lösenord", [Roles.Official], [])));
        await Expect("User.Update", "admin@test", async () => await services.Users.UpdateAsync(admin, userId, await database.UserTokenAsync(userId), new("Ny Person", true, [Roles.Politician], [])));
        await Expect("User.Deactivate", "admin@test", async () => await services.Users.UpdateAsync(admin, userId, await database.UserTokenAsync(userId), new("Ny Person", false, [Roles.Politician], [])));
        var setPassword = await Expect("User.SetPassword", "admin@test", () => services.Users.SetPasswordAsync(admin, userId, "ett annat långt lösenord"));
        var ownPassword = await Expect("User.ChangeOwnPassword", "sekreterare@test", () =>
            services.Passwords.ChangeOwnPasswordAsync(secretary, new("ett tillfälligt lösenord", "mitt eget långa lösenord", "mitt eget långa lösenord")));
        Assert.All(new[] { setPassword, ownPassword }, e => Assert.True(e.Before is null && e.After is null, "A password is never audited."));
        var removed = await Expect("User.Remove", "admin@test", () => services.Users.RemovePersonAsync(admin, userId));
        Assert.True(removed.Before is null && removed.After is null, "The removal does not copy the data it removes into the audit trail.");

        // A plan through its lifecycle, with goals, a follow-up and a value (2027 is in the old period for this test).
        await using (var db = database.CreateDbContext())
        {
            (await db.MandatePeriods.SingleAsync(p => p.StartYear == 2023)).EndYear = 2027;
            await db.SaveChangesAsync();
        }

        var plan = 0;
        var created = await Expect("Plan.Create", "sekreterare@test", async () => plan = await services.Editing.CreatePlanAsync(secretary, kunskap, 2027, copyPreviousYear: true));
        Assert.Contains("CopiedGoals", created.After, StringComparison.Ordinal);
        GoalState goal = null!;
        var add = await Expect("Goal.Add", "sekreterare@test", async () => goal = await services.Editing.AddGoalAsync(secretary, plan, new("Nytt mål", null, [education],
            [new IndicatorInput("Andel", "procent", IndicatorDirection.Increase, 10m, 2025, 20m, 2027, null)])));
        Assert.Null(add.Before);
        var update = await Expect("Goal.Update", "sekreterare@test", async () => goal = await services.Editing.UpdateGoalAsync(secretary, goal.Id, goal.ConcurrencyToken,
            new("Ändrat mål", null, [education, growth], [.. goal.Input.Indicators])));
        Assert.Contains("Nytt mål", update.Before, StringComparison.Ordinal);
        Assert.Contains("Ändrat mål", update.After, StringComparison.Ordinal);
        await Expect("Goal.Reorder", "sekreterare@test", () => services.Editing.MoveGoalAsync(secretary, goal.Id, -1));
        var other = await services.Editing.AddGoalAsync(secretary, plan, Goal("Tas bort", education));
        var removal = await Expect("Goal.Remove", "sekreterare@test", () => services.Editing.RemoveGoalAsync(secretary, other.Id, other.ConcurrencyToken));
        Assert.Contains("Tas bort", removal.Before, StringComparison.Ordinal);
        await Expect("Decision.Record", "sekreterare@test", () => services.Decisions.RecordDecisionAsync(secretary, plan, Draft(new(2026, 4, 20))));
        await services.Decisions.RecordDecisionAsync(secretary, plan, Final(new(2026, 9, 20)));
        var reopen = await Expect("Plan.Reopen", "admin@test", () => services.Decisions.ReopenAsync(admin, plan, "Budgetramen ändrades i november."));
        Assert.Contains("Budgetramen", reopen.After, StringComparison.Ordinal);
        await Expect("FollowUp.Record", "sekreterare@test", () => services.FollowUps.RecordFollowUpAsync(secretary, goal.Id, new(FollowUpPoint.InterimReport, Assessment.PartlyMet, "Halvvägs.")));
        int indicator;
        await using (var db = database.CreateDbContext())
        {
            indicator = await db.Indicators.Where(i => i.GoalId == goal.Id).Select(i => i.Id).SingleAsync();
        }

        await Expect("Measurement.Record", "sekreterare@test", () => services.FollowUps.RecordMeasurementAsync(secretary, indicator, new("2026", 12.5m)));

        // Kolada: a saved answer in Kolada's shape (the API import writes the same entry; its own tests cover the HTTP side).
        const string Answer = """{"count": 1, "values": [{"kpi": "N01951", "municipality": "2181", "period": 2025, "values": [{"gender": "T", "value": 39700.0}]}]}""";
        var kolada = new KoladaImporter(database, services.Actors, database.Clock, new KoladaOptions(), () => throw new InvalidOperationException("A file import asks Kolada nothing."));
        await Expect("Kolada.Import", "admin@test", () => kolada.ImportFromFileAsync(admin, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Answer))));

        // Every action the domain defines was written above, and nothing else: a new action without a test here fails.
        Assert.Equal(AuditActions.All.Order(StringComparer.Ordinal), seen.Distinct().Order(StringComparer.Ordinal));
    }
}
