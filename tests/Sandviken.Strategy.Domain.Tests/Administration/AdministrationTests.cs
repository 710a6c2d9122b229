using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Access;
using Sandviken.Strategy.Domain.Administration;
using Sandviken.Strategy.Domain.Areas;
using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Domain.Tests.Infrastructure;
using Sandviken.Strategy.Domain.Users;
using Sandviken.Strategy.Domain.Validation;
using static Sandviken.Strategy.Domain.Tests.Infrastructure.Plans;

namespace Sandviken.Strategy.Domain.Tests.Administration;

public sealed class AdministrationTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private Services services = null!;
    private ClaimsPrincipal admin = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateSeededAsync();
        await database.EnsureRolesAsync();
        services = new Services(database);
        admin = await database.CreateAsync("admin@test", Roles.Administrator);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    public static TheoryData<string> NonAdministrators => [Roles.Secretary, Roles.Official, Roles.Politician, "anonymous", "deactivated administrator"];

    [Theory]
    [MemberData(nameof(NonAdministrators))]
    public async Task Only_an_active_administrator_may_administer(string who)
    {
        var user = who switch
        {
            "anonymous" => TestUsers.Anonymous,
            "deactivated administrator" => await DeactivatedAdministratorAsync(),
            _ => await database.CreateAsync($"{who}@test", who, who == Roles.Secretary ? ["kunskapsnamnden"] : []),
        };
        var organisation = await database.OrganisationIdAsync("kunskapsnamnden");
        var period = await PeriodIdAsync();
        var area = await database.AreaIdAsync("vaxa-for-framtiden");
        var before = await AuditCountAsync();

        Func<Task>[] operations =
        [
            () => services.Organisations.ListAsync(user),
            () => services.Organisations.AddAsync(user, new("Ny nämnd", OrganisationKind.Committee, null, true)),
            () => services.Organisations.UpdateAsync(user, organisation, Guid.NewGuid(), new("Omdöpt", OrganisationKind.Committee, null, false)),
            () => services.Users.ListAsync(user),
            () => services.Users.CreateAsync(user, new("ny@test.example", "Ny", "ett långt lösenord", [Roles.Administrator], [])),
            () => services.Users.UpdateAsync(user, UserIdOf(admin), Guid.NewGuid(), new("Admin", false, [Roles.Official], [])),
            () => services.Users.SetPasswordAsync(user, UserIdOf(admin), "ett nytt långt lösenord"),
            () => services.Planning.ListCyclesAsync(user),
            () => services.Planning.SaveCycleAsync(user, new(2027, new(2026, 4, 30), new(2026, 9, 30))),
            () => services.Planning.ListPeriodsAsync(user),
            () => services.Planning.AddPeriodAsync(user, new("2027–2030", 2027, 2030, new(2027, 2, 15), "Kommunfullmäktige")),
            () => services.Planning.AddAreaAsync(user, period, new("Nytt område", "Inledning", null)),
            () => services.Planning.UpdateAreaAsync(user, area, Guid.NewGuid(), new("Ändrat", "Ändrat", null)),
            () => services.Planning.SaveAmbitionAsync(user, area, null, null, new("Ny målbild", 1m, "st", 2030, null)),
        ];

        foreach (var operation in operations)
        {
            await Assert.ThrowsAsync<AccessDeniedException>(operation);
        }

        Assert.Equal(before, await AuditCountAsync());
        Assert.Equal(operations.Length, services.Log.Entries.Count(e => e.Message.StartsWith("Refused", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_organisation_is_added_with_an_address_from_its_name_and_renamed_without_changing_the_address()
    {
        var id = await services.Organisations.AddAsync(admin, new("Miljö- och hälsoskyddsnämnden", OrganisationKind.Committee, null, true));
        await services.Organisations.UpdateAsync(admin, id, await database.OrganisationTokenAsync(id), new("Miljönämnden", OrganisationKind.Committee, null, true));

        var row = (await services.Organisations.ListAsync(admin)).Single(o => o.Id == id);
        Assert.Equal(("miljo-och-halsoskyddsnamnden", "Miljönämnden", false), (row.Slug, row.Name, row.IsDemo));
        await using var db = database.CreateDbContext();
        Assert.Equal(["Organisation.Add", "Organisation.Update"], await db.AuditEntries.Where(a => a.Entity == "Organisation").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        // The day it was added (26 November 2026 in Stockholm) is kept: earlier deadlines do not apply to it.
        Assert.Equal(new DateOnly(2026, 11, 26), await db.Organisations.Where(o => o.Id == id).Select(o => o.AddedOn).SingleAsync());
        Assert.All(await db.Organisations.Where(o => o.Id != id).Select(o => o.AddedOn).ToListAsync(), Assert.Null);
    }

    [Fact]
    public async Task A_deactivated_organisation_gets_no_new_plans_but_keeps_its_history()
    {
        var id = await database.OrganisationIdAsync("overformyndarnamnden-i-vastra-gastrikland");
        await services.Organisations.UpdateAsync(admin, id, await database.OrganisationTokenAsync(id), new("Överförmyndarnämnden i Västra Gästrikland", OrganisationKind.Committee, null, false));
        await services.Planning.SaveCycleAsync(admin, new(2027, new(2026, 4, 30), new(2026, 9, 30)));

        await Assert.ThrowsAsync<RuleViolationException>(() => services.Editing.CreatePlanAsync(admin, id, 2027, false));
        var plan2026 = await database.PlanIdAsync("overformyndarnamnden-i-vastra-gastrikland", 2026);
        var growth = await database.AreaIdAsync("vaxa-for-framtiden");
        await Assert.ThrowsAsync<RuleViolationException>(() => services.Editing.AddGoalAsync(admin, plan2026, Goal("Nytt", growth)));
        await Assert.ThrowsAsync<RuleViolationException>(() => services.Decisions.RecordDecisionAsync(admin, plan2026,
            new Sandviken.Strategy.Domain.Decisions.DecisionInput(Sandviken.Strategy.Domain.Decisions.DecisionKind.Draft, new(2026, 11, 20), "Överförmyndarnämnden", "§ 1")));
        Assert.False((await services.Workspace.ReadPlanAsync(admin, plan2026)).CanEdit);
        await using var db = database.CreateDbContext();
        Assert.Equal(3, await db.Plans.CountAsync(p => p.OrganisationId == id));
    }

    [Fact]
    public async Task A_new_company_can_be_added_under_the_parent_company()
    {
        var parent = await database.OrganisationIdAsync("sandvikens-stadshus-ab");

        var id = await services.Organisations.AddAsync(admin, new("Sandviken Vatten AB", OrganisationKind.Company, parent, true));

        Assert.Equal("Sandvikens Stadshus AB", (await services.Organisations.ListAsync(admin)).Single(o => o.Id == id).ParentName);
    }

    [Fact]
    public async Task A_mandate_period_cannot_say_its_areas_were_decided_on_a_day_still_to_come()
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            services.Planning.AddPeriodAsync(admin, new("2027–2030", 2027, 2030, new(2026, 11, 27), "Kommunfullmäktige")));

        Assert.StartsWith("Beslutsdatum kan inte ligga i framtiden.", error.Errors["AreasDecidedOn"], StringComparison.Ordinal);
        Assert.Single(await services.Planning.ListPeriodsAsync(admin));
    }

    [Fact]
    public async Task A_company_cannot_become_the_parent_of_a_company_above_it_however_far_up()
    {
        var a = await services.Organisations.AddAsync(admin, new("Bolag A", OrganisationKind.Company, null, true));
        var b = await services.Organisations.AddAsync(admin, new("Bolag B", OrganisationKind.Company, a, true));
        var c = await services.Organisations.AddAsync(admin, new("Bolag C", OrganisationKind.Company, b, true));

        var error = await Assert.ThrowsAsync<ValidationFailedException>(async () => await services.Organisations.UpdateAsync(admin, a, await database.OrganisationTokenAsync(a), new("Bolag A", OrganisationKind.Company, c, true)));

        Assert.Equal("Ett bolag kan inte vara moderbolag till sig självt eller till något av bolagen ovanför sig i koncernen.", error.Errors["ParentId"]);
        await Assert.ThrowsAsync<ValidationFailedException>(async () => await services.Organisations.UpdateAsync(admin, a, await database.OrganisationTokenAsync(a), new("Bolag A", OrganisationKind.Company, a, true)));
        Assert.Null((await services.Organisations.ListAsync(admin)).Single(o => o.Id == a).ParentId);
        await services.Organisations.UpdateAsync(admin, c, await database.OrganisationTokenAsync(c), new("Bolag C", OrganisationKind.Company, a, true));
    }

    [Fact]
    public async Task A_long_name_gets_an_address_that_fits_cut_at_a_word()
    {
        var name = string.Join(" ", Enumerable.Repeat("Gemensamma", 17)) + " nämnden";

        var id = await services.Organisations.AddAsync(admin, new(name, OrganisationKind.Committee, null, true));

        var slug = (await services.Organisations.ListAsync(admin)).Single(o => o.Id == id).Slug;
        Assert.True(slug.Length <= 100, slug);
        Assert.StartsWith("gemensamma-gemensamma-", slug, StringComparison.Ordinal);
        Assert.EndsWith("gemensamma", slug, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", OrganisationKind.Committee, null, "Name", "Ange organisationens namn.")]
    [InlineData("–––", OrganisationKind.Committee, null, "Name", "Namnet behöver innehålla bokstäver eller siffror.")]
    [InlineData("Kunskapsnämnden", OrganisationKind.Committee, null, "Name", "Det finns redan en organisation med det namnet.")]
    [InlineData("Nytt bolag", OrganisationKind.Company, "kunskapsnamnden", "ParentId", "Moderbolaget måste vara ett bolag.")]
    [InlineData("Ny nämnd", OrganisationKind.Committee, "sandvikens-stadshus-ab", "ParentId", "Bara ett bolag kan ha ett moderbolag.")]
    public async Task Bad_organisation_input_is_refused_in_Swedish(string name, OrganisationKind kind, string? parent, string field, string message)
    {
        int? parentId = parent is null ? null : await database.OrganisationIdAsync(parent);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => services.Organisations.AddAsync(admin, new(name, kind, parentId, true)));

        Assert.Equal(message, error.Errors[field]);
    }

    [Fact]
    public async Task A_new_secretary_account_gets_its_role_and_organisations()
    {
        var organisation = await database.OrganisationIdAsync("kunskapsnamnden");

        var id = await services.Users.CreateAsync(admin, new("ny.sekreterare@test.example", "Nina Ny", "ett tillräckligt långt lösenord", [Roles.Secretary], [organisation]));

        await using var db = database.CreateDbContext();
        var actor = await services.Actors.LoadAsync(db, TestUsers.PrincipalOf(id, "ny"), CancellationToken.None);
        Assert.True(actor.CanEditPlansOf(organisation));
        Assert.False(actor.CanEditPlansOf(await database.OrganisationIdAsync("omsorgsnamnden")));
        var stored = await db.Users.SingleAsync(u => u.Id == id);
        Assert.NotEqual("ett tillräckligt långt lösenord", stored.PasswordHash);
        Assert.Equal("NY.SEKRETERARE@TEST.EXAMPLE", stored.NormalizedEmail);
    }

    [Fact]
    public async Task Moving_a_secretary_to_another_organisation_moves_what_they_may_change_at_once()
    {
        var kunskap = await database.OrganisationIdAsync("kunskapsnamnden");
        var omsorg = await database.OrganisationIdAsync("omsorgsnamnden");
        var id = await services.Users.CreateAsync(admin, new("flyttad@test.example", "Fia Flyttad", "ett tillräckligt långt lösenord", [Roles.Secretary], [kunskap]));
        var secretary = TestUsers.PrincipalOf(id, "flyttad@test.example");
        var kunskapPlan = await database.PlanIdAsync("kunskapsnamnden", 2026);
        var omsorgPlan = await database.PlanIdAsync("omsorgsnamnden", 2026);
        await services.Workspace.ReadPlanAsync(secretary, kunskapPlan);

        await services.Users.UpdateAsync(admin, id, await database.UserTokenAsync(id), new("Fia Flyttad", true, [Roles.Secretary], [omsorg]));

        // The same open session: the old organisation's plans are closed to it, the new one's open.
        await Assert.ThrowsAsync<AccessDeniedException>(() => services.Workspace.ReadPlanAsync(secretary, kunskapPlan));
        Assert.True((await services.Workspace.ReadPlanAsync(secretary, omsorgPlan)).CanEdit);

        // As a politician instead: every plan can be read, none changed.
        await services.Users.UpdateAsync(admin, id, await database.UserTokenAsync(id), new("Fia Flyttad", true, [Roles.Politician], []));
        Assert.False((await services.Workspace.ReadPlanAsync(secretary, omsorgPlan)).CanEdit);
        Assert.False((await services.Workspace.ReadPlanAsync(secretary, kunskapPlan)).CanEdit);
        var growth = await database.AreaIdAsync("vaxa-for-framtiden");
        await Assert.ThrowsAsync<AccessDeniedException>(() => services.Editing.AddGoalAsync(secretary, omsorgPlan, Goal("Mål", growth)));
    }

    [Fact]
    public async Task A_committee_can_become_a_company_and_then_take_a_parent_company()
    {
        var id = await services.Organisations.AddAsync(admin, new("Sandvikens Hamn", OrganisationKind.Committee, null, true));
        var parent = await database.OrganisationIdAsync("sandvikens-stadshus-ab");

        await services.Organisations.UpdateAsync(admin, id, await database.OrganisationTokenAsync(id), new("Sandvikens Hamn AB", OrganisationKind.Company, parent, true));

        var row = (await services.Organisations.ListAsync(admin)).Single(o => o.Id == id);
        Assert.Equal((OrganisationKind.Company, "Sandvikens Stadshus AB", "Sandvikens Hamn AB"), (row.Kind, row.ParentName, row.Name));
        Assert.Equal("sandvikens-hamn", row.Slug);
    }

    [Theory]
    [InlineData("inte-en-adress", "Nina", "ett långt lösenord", "Secretary", "Email")]
    [InlineData("nina@test.example", "Nina", "för kort", "Official", "Password")]
    [InlineData("nina@test.example", "", "ett långt lösenord", "Official", "DisplayName")]
    [InlineData("nina@test.example", "Nina", "ett långt lösenord", "Secretary", "OrganisationIds")]
    [InlineData("nina@test.example", "Nina", "ett långt lösenord", "Superuser", "Roles")]
    [InlineData("admin@test", "Nina", "ett långt lösenord", "Official", "Email")]
    public async Task Bad_account_input_is_refused_and_names_the_field(string email, string name, string password, string role, string field)
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            services.Users.CreateAsync(admin, new(email, name, password, [role], [])));

        Assert.True(error.Errors.ContainsKey(field), string.Join(", ", error.Errors.Keys));
    }

    [Fact]
    public async Task A_deactivated_users_open_session_can_no_longer_change_anything()
    {
        var secretary = await database.CreateAsync("sekreterare@test", Roles.Secretary, "overformyndarnamnden-i-vastra-gastrikland");
        var planId = await database.PlanIdAsync("overformyndarnamnden-i-vastra-gastrikland", 2026);
        var area = await database.AreaIdAsync("vaxa-for-framtiden");
        await services.Editing.AddGoalAsync(secretary, planId, Goal("Före", area));
        await using var db = database.CreateDbContext();
        var stampBefore = (await db.Users.SingleAsync(u => u.Id == UserIdOf(secretary))).SecurityStamp;

        await services.Users.UpdateAsync(admin, UserIdOf(secretary), await database.UserTokenAsync(UserIdOf(secretary)), new("Sekreterare", false, [Roles.Secretary], [await database.OrganisationIdAsync("overformyndarnamnden-i-vastra-gastrikland")]));

        // The same principal (the browser's cookie is still there) is refused from now on.
        await Assert.ThrowsAsync<AccessDeniedException>(() => services.Editing.AddGoalAsync(secretary, planId, Goal("Efter", area)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => services.Workspace.ReadPlanAsync(secretary, planId));
        await using var check = database.CreateDbContext();
        Assert.NotEqual(stampBefore, (await check.Users.SingleAsync(u => u.Id == UserIdOf(secretary))).SecurityStamp);
        Assert.Equal("User.Deactivate", (await check.AuditEntries.OrderBy(a => a.Id).LastAsync()).Action);
    }

    [Fact]
    public async Task An_administrator_cannot_lock_themselves_out()
    {
        var token = await database.UserTokenAsync(UserIdOf(admin));
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            services.Users.UpdateAsync(admin, UserIdOf(admin), token, new("Admin", false, [Roles.Official], [])));

        Assert.Equal("Du kan inte inaktivera ditt eget konto.", error.Errors["IsActive"]);
        Assert.Equal("Du kan inte ta bort din egen administratörsroll.", error.Errors["Roles"]);
    }

    [Fact]
    public async Task Cycle_deadlines_are_added_and_moved_per_budget_year()
    {
        await services.Planning.SaveCycleAsync(admin, new(2027, new(2026, 4, 30), new(2026, 9, 30)));
        await services.Planning.SaveCycleAsync(admin, new(2027, new(2026, 5, 15), new(2026, 10, 15)), await database.CycleTokenAsync(2027));

        var cycle = (await services.Planning.ListCyclesAsync(admin)).Single(c => c.BudgetYear == 2027);
        Assert.Equal((new DateOnly(2026, 5, 15), new DateOnly(2026, 10, 15)), (cycle.DraftDeadline, cycle.FinalDeadline));
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => services.Planning.SaveCycleAsync(admin, new(2028, new(2027, 9, 30), new(2027, 4, 30))));
        Assert.Equal("Det slutgiltiga beslutet kan inte ha sista dag före utkastet.", error.Errors["FinalDeadline"]);
    }

    [Fact]
    public async Task A_new_council_sets_new_areas_for_2027_to_2030_and_each_area_page_shows_its_own_period()
    {
        database.Clock.SetUtcNow(new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero)); // after the new council's decision
        var period = await services.Planning.AddPeriodAsync(admin, new("2027–2030", 2027, 2030, new(2027, 2, 15), "Kommunfullmäktige"));
        await services.Planning.AddAreaAsync(admin, period, new("Växa för framtiden", "Den nya fullmäktiges text om tillväxt.", null));
        await services.Planning.AddAreaAsync(admin, period, new("Trygghet i hela kommunen", "Ett nytt område.", null));
        await services.Planning.SaveCycleAsync(admin, new(2028, new(2027, 4, 30), new(2027, 9, 30)));

        var reader = new AreaPageReader(database, database.Clock, database.Snapshots);
        var (_, old) = await reader.ReadAsync("vaxa-for-framtiden", 2026);
        var (_, renewed) = await reader.ReadAsync("vaxa-for-framtiden", 2028);
        var (_, added) = await reader.ReadAsync("trygghet-i-hela-kommunen", 2028);

        Assert.Equal("2023–2026", old!.Period.Name);
        Assert.Equal("2027–2030", renewed!.Period.Name);
        Assert.Equal("Den nya fullmäktiges text om tillväxt.", renewed.Lead);
        Assert.Equal("2027–2030", added!.Period.Name);
        Assert.Equal((AreaPageLookup.UnknownYear, null), await reader.ReadAsync("trygghet-i-hela-kommunen", 2026));
        var overlap = await Assert.ThrowsAsync<ValidationFailedException>(() => services.Planning.AddPeriodAsync(admin, new("2026–2029", 2026, 2029, new(2026, 1, 1), "Kommunfullmäktige")));
        Assert.Equal("Perioden överlappar en befintlig mandatperiod.", overlap.Errors["StartYear"]);
    }

    [Fact]
    public async Task Editing_an_area_leaves_decided_versions_as_they_were()
    {
        var area = await database.AreaIdAsync("vaxa-for-framtiden");

        await services.Planning.UpdateAreaAsync(admin, area, await database.AreaTokenAsync(area), new("Växa för framtiden – reviderad", "Ny inledning.", "Ny text."));

        await using var db = database.CreateDbContext();
        Assert.Equal("Växa för framtiden – reviderad", (await db.StrategicAreas.SingleAsync(a => a.Id == area)).Title);
        Assert.DoesNotContain(await db.PlanVersions.Select(v => v.Content).ToListAsync(), c => c.Contains("reviderad", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_ambition_gets_a_target_value_and_year_so_that_its_pace_can_be_computed()
    {
        var area = await database.AreaIdAsync("minskad-klimatpaverkan");
        await using var db = database.CreateDbContext();
        var ambition = await db.AreaAmbitions.SingleAsync(a => a.StrategicAreaId == area);

        await services.Planning.SaveAmbitionAsync(admin, area, ambition.Id, ambition.ConcurrencyToken, new("klimatneutrala 2030", 0.5m, "ton CO2e per invånare", 2030, "n00401"));

        var row = (await services.Planning.ListPeriodsAsync(admin)).Single().Areas.Single(a => a.Id == area).Ambitions.Single();
        Assert.Equal((0.5m, 2030, "N00401"), (row.TargetValue, row.TargetYear, row.KoladaKpiId));
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            services.Planning.SaveAmbitionAsync(admin, area, null, null, new("", null, null, 1800, "X1")));
        Assert.Equal(["KoladaKpiId", "TargetYear", "Text"], error.Errors.Keys.Order());
        Assert.Equal("Ambition.Update", (await db.AuditEntries.OrderBy(a => a.Id).LastAsync()).Action);
    }

    private async Task<ClaimsPrincipal> DeactivatedAdministratorAsync()
    {
        var user = await database.CreateAsync("slutat.admin@test", Roles.Administrator);
        await database.DeactivateAsync(user);
        return user;
    }

    private static string UserIdOf(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private async Task<int> PeriodIdAsync()
    {
        await using var db = database.CreateDbContext();
        return await db.MandatePeriods.Select(p => p.Id).SingleAsync();
    }

    private async Task<int> AuditCountAsync()
    {
        await using var db = database.CreateDbContext();
        return await db.AuditEntries.CountAsync();
    }
}
