using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Access;
using Sandviken.Strategy.Domain.Auditing;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Domain.Tests.Infrastructure;

namespace Sandviken.Strategy.Domain.Tests.Auditing;

/// <summary>The one helper for a change whose audit entry needs the key the change's save gives.</summary>
public sealed class AuditedSaveTests : IAsyncLifetime
{
    private static readonly Actor Admin = new("id", "admin@test", true, new HashSet<string> { Domain.Users.Roles.Administrator }, new HashSet<int>());
    private static readonly DateTime Now = new(2026, 3, 5, 12, 0, 0, DateTimeKind.Utc);

    private readonly CountingListener listener = new();
    private TestDatabase database = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateSeededAsync();
        database.Interceptors.Add(new PublicContentChangeInterceptor([listener]));
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task The_change_and_an_entry_naming_its_new_key_are_saved_together_and_the_listener_hears_of_it_once()
    {
        await using var db = database.CreateDbContext();
        var organisation = NewOrganisation(await db.Municipalities.Select(m => m.Id).SingleAsync());
        db.Organisations.Add(organisation);

        await db.SaveAuditedAsync(Admin, Now, AuditActions.OrganisationAdd, "Organisation", () => organisation.Id, null, () => new { organisation.Id, organisation.Name }, default);

        await using var check = database.CreateDbContext();
        var entry = await check.AuditEntries.SingleAsync(a => a.Action == AuditActions.OrganisationAdd);
        Assert.NotEqual(0, organisation.Id);
        Assert.Equal(organisation.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.EntityId);
        Assert.Equal($$"""{"Id":{{organisation.Id}},"Name":"Provnämnden"}""", entry.After);
        Assert.Equal(("admin@test", Now), (entry.User, entry.AtUtc));
        Assert.True(await check.Organisations.AnyAsync(o => o.Id == organisation.Id));
        Assert.Equal(1, listener.Calls);
    }

    [Fact]
    public async Task When_the_entry_cannot_be_written_the_change_is_not_saved_either()
    {
        await using var db = database.CreateDbContext();
        var organisation = NewOrganisation(await db.Municipalities.Select(m => m.Id).SingleAsync());
        db.Organisations.Add(organisation);

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveAuditedAsync(
            Admin, Now, AuditActions.OrganisationAdd, "Organisation", () => organisation.Id, null, () => throw new InvalidOperationException("Entry failed."), default));

        await using var check = database.CreateDbContext();
        Assert.False(await check.Organisations.AnyAsync(o => o.Slug == "provnamnden"));
        Assert.False(await check.AuditEntries.AnyAsync(a => a.Action == AuditActions.OrganisationAdd));
        Assert.Equal(0, listener.Calls);
    }

    [Fact]
    public async Task The_callers_own_save_turns_a_failed_change_into_its_message_and_nothing_is_written()
    {
        await using var db = database.CreateDbContext();
        var existing = await db.Organisations.AsNoTracking().FirstAsync();
        var duplicate = NewOrganisation(existing.MunicipalityId);
        duplicate.Slug = existing.Slug;
        db.Organisations.Add(duplicate);

        var error = await Assert.ThrowsAsync<Domain.Validation.RuleViolationException>(() => db.SaveAuditedAsync(
            Admin, Now, AuditActions.OrganisationAdd, "Organisation", () => 0, null, () => null, default, Domain.Plans.PlanEditingService.SavePlanChangeAsync));

        Assert.Contains("Inget har sparats", error.Message, StringComparison.Ordinal);
        await using var check = database.CreateDbContext();
        Assert.False(await check.AuditEntries.AnyAsync(a => a.Action == AuditActions.OrganisationAdd));
        Assert.Equal(0, listener.Calls);
    }

    private static Organisation NewOrganisation(int municipalityId) => new()
    {
        MunicipalityId = municipalityId, Slug = "provnamnden", Name = "Provnämnden", Kind = OrganisationKind.Committee, IsActive = true,
    };

    private sealed class CountingListener : IPublicContentListener
    {
        public int Calls { get; private set; }

        public ValueTask PublicContentChangedAsync()
        {
            Calls++;
            return ValueTask.CompletedTask;
        }
    }
}
