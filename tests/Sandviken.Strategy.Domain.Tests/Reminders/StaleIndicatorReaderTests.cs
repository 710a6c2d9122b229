using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Sandviken.Strategy.Domain.Access;
using Sandviken.Strategy.Domain.Reminders;
using Sandviken.Strategy.Domain.Tests.Infrastructure;
using Sandviken.Strategy.Domain.Users;

namespace Sandviken.Strategy.Domain.Tests.Reminders;

/// <summary>The rule for indicators nobody updates (ADR 0041), on a real SQLite database.</summary>
public sealed class StaleIndicatorReaderTests : IAsyncLifetime
{
    private const string Organisation = "overformyndarnamnden-i-vastra-gastrikland";
    private TestDatabase database = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateSeededAsync();
        await database.AddIndicatorAsync(Organisation, 2026, "Utan källa", koladaId: null);
        await database.AddIndicatorAsync(Organisation, 2026, "Kolada utan värden", koladaId: "N00001");
        await database.AddIndicatorAsync(Organisation, 2026, "Gammalt värde", koladaId: null, 2022, 2023);
        await database.AddIndicatorAsync(Organisation, 2026, "Förra årets värde", koladaId: "N00002", 2024, 2025);
        await database.AddIndicatorAsync(Organisation, 2025, "Fjolårets plan", koladaId: null);
        await database.AddIndicatorAsync("kunskapsnamnden", 2026, "Annan nämnds indikator", koladaId: null);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task The_secretary_sees_their_own_current_plans_stale_indicators_with_the_reason()
    {
        var secretary = await database.CreateAsync("sara@sandviken.test", Roles.Secretary, Organisation);

        // 26 November 2026: a value for 2025 is expected.
        var stale = await ReminderTestData.Stale(database, database.Clock).ReadForWorkspaceAsync(secretary);

        // The demo plan's own indicators have no values either; only the ones added here are named.
        var names = stale.Select(s => s.Name).ToList();
        Assert.Contains("Gammalt värde", names);
        Assert.Contains("Kolada utan värden", names);
        Assert.Contains("Utan källa", names);
        Assert.DoesNotContain("Förra årets värde", names);
        Assert.DoesNotContain("Fjolårets plan", names);
        Assert.DoesNotContain("Annan nämnds indikator", names);
        var organisationId = await database.OrganisationIdAsync(Organisation);
        Assert.All(stale, s => Assert.Equal(organisationId, s.OrganisationId));
        Assert.Equal(StaleReason.NoSource, stale.Single(s => s.Name == "Utan källa").Reason);
        Assert.Equal(StaleReason.NoValues, stale.Single(s => s.Name == "Kolada utan värden").Reason);
        var old = stale.Single(s => s.Name == "Gammalt värde");
        Assert.Equal((StaleReason.Outdated, 2023, 2025), (old.Reason, old.LatestYear, old.ExpectedYear));
        Assert.Equal("senaste värdet gäller 2023, men ett värde för 2025 väntas", old.ReasonText);
        Assert.All(stale, s => Assert.False(s.IsAmbition));
    }

    [Fact]
    public async Task Before_the_configured_month_a_value_for_the_year_before_last_is_enough()
    {
        await database.AddIndicatorAsync(Organisation, 2026, "Värde för 2024", koladaId: null, 2024);
        var secretary = await database.CreateAsync("sara@sandviken.test", Roles.Secretary, Organisation);

        var stale = await ReminderTestData.Stale(database, ReminderTestData.Clock(2026, 2, 10)).ReadForWorkspaceAsync(secretary);

        Assert.DoesNotContain(stale, s => s.Name == "Värde för 2024");
        Assert.Contains(stale, s => s.Name == "Gammalt värde");
    }

    [Fact]
    public async Task The_administrator_sees_every_organisation_and_the_ambitions_and_others_are_refused()
    {
        var administrator = await database.CreateAsync("admin@sandviken.test", Roles.Administrator);
        var official = await database.CreateAsync("tjansteperson@sandviken.test", Roles.Official);
        var reader = ReminderTestData.Stale(database, database.Clock);

        var stale = await reader.ReadForAdministratorAsync(administrator);

        Assert.Contains(stale, s => s.Name == "Annan nämnds indikator");
        Assert.Contains(stale, s => s.Name == "Utan källa");
        Assert.DoesNotContain(stale, s => s.Name == "Fjolårets plan");
        Assert.Contains(stale, s => s.IsAmbition);
        Assert.Empty(await reader.ReadForWorkspaceAsync(official));
        await Assert.ThrowsAsync<AccessDeniedException>(() => reader.ReadForAdministratorAsync(official));
    }

    [Fact]
    public async Task The_whole_list_takes_the_same_few_SQL_commands_however_many_indicators_there_are()
    {
        var administrator = await database.CreateAsync("admin@sandviken.test", Roles.Administrator);
        var reader = ReminderTestData.Stale(database, database.Clock);
        var counter = new CommandCounter();
        database.Interceptors.Add(counter);

        await reader.ReadForAdministratorAsync(administrator);
        var few = counter.Count;
        for (var i = 0; i < 20; i++)
        {
            await database.AddIndicatorAsync("kunskapsnamnden", 2026, $"Extra {i}", koladaId: null);
        }

        counter.Count = 0;
        var stale = await reader.ReadForAdministratorAsync(administrator);

        Assert.Equal(few, counter.Count);
        Assert.True(few <= 4, $"{few} commands: the actor, indicators and ambitions should take a handful");
        Assert.Equal(20, stale.Count(s => s.Name.StartsWith("Extra ", StringComparison.Ordinal)));
    }

    private sealed class CommandCounter : DbCommandInterceptor
    {
        public int Count { get; set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Count++;
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
