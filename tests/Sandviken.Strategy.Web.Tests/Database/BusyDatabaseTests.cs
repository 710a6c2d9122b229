using Sandviken.Strategy.Domain.Tests.Infrastructure;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Sandviken.Strategy.Domain.Administration;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Web.Components.Forms;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Database;

/// <summary>
/// Another process holds SQLite's write lock (BEGIN IMMEDIATE on its own connection): writes give up after the busy
/// timeout with a Swedish "try again" (503, never 500), public pages keep being served and /health says so (ADR 0033).
/// </summary>
[Trait(TestProvider.Trait, TestProvider.SqliteOnly)]
public sealed class BusyDatabaseTests : IDisposable
{
    private readonly PortalFactory portal = new()
    {
        Settings =
        {
            ["Database:BusyTimeoutSeconds"] = "1",
            // Every public page from the database, not from the output cache.
            ["PublicCache:Enabled"] = "false",
        },
    };

    [Fact]
    public async Task The_database_runs_with_a_write_ahead_log_and_the_configured_busy_timeout()
    {
        _ = portal.Server;
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());

        await using var scope = portal.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<StrategyDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, new SqliteConnectionStringBuilder(Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetConnectionString(db.Database)).DefaultTimeout);
        Assert.Equal(1, Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetCommandTimeout(db.Database));
    }

    [Fact]
    public async Task A_sign_in_while_another_connection_holds_the_write_lock_answers_the_Swedish_busy_page_not_500()
    {
        using var client = portal.CreateCookieClient();
        _ = await client.GetStringAsync("/konto/logga-in");

        await using (await HoldWriteLockAsync())
        {
            // A wrong password is always written (the failed-attempt count), so it must wait for the lock.
            using var response = await client.SignInAsync("admin@sandviken.example", "fel-losenord-123");
            var html = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(DatabaseBusy.RetryAfterSeconds), response.Headers.RetryAfter?.Delta);
            HtmlAssert.ContainsText(DatabaseBusy.Message, html);
            HtmlAssert.LacksText("Något gick fel", html);
        }

        // Once the lock is gone the same sign-in goes through.
        using var signedIn = await client.SignInAsync("admin@sandviken.example");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Fact]
    public async Task A_save_in_the_circuit_while_the_database_is_locked_says_busy_in_Swedish_and_saves_nothing()
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var admin = await Browserless.PrincipalOfAsync(scope, "admin@sandviken.example");
        var organisations = scope.ServiceProvider.GetRequiredService<OrganisationAdminService>();
        var runner = new FormRunner(new FixedUser(admin), NullLogger<FormRunner>.Instance);
        var before = (await organisations.ListAsync(admin)).Count;

        await using (await HoldWriteLockAsync())
        {
            var saved = await runner.RunAsync(
                user => organisations.AddAsync(user, new OrganisationInput("Upptagna nämnden", OrganisationKind.Committee, null, true)),
                "Nämnden är sparad.");

            Assert.False(saved);
            Assert.Equal(DatabaseBusy.Message, runner.Problem);
            Assert.Null(runner.Notice);
        }

        Assert.Equal(before, (await organisations.ListAsync(admin)).Count);
    }

    [Fact]
    public async Task Public_pages_are_served_while_the_write_lock_is_held_and_writers_are_waiting_for_it()
    {
        using var reader = portal.CreateClient();
        _ = await reader.GetPageAsync("/");
        var writers = Enumerable.Range(0, 8).Select(_ => portal.CreateCookieClient()).ToList();
        foreach (var writer in writers)
        {
            _ = await writer.GetStringAsync("/konto/logga-in");
        }

        await using (await HoldWriteLockAsync())
        {
            var waiting = writers.Select(w => w.SignInAsync("politiker@sandviken.example", "fel-losenord-123")).ToList();

            HtmlAssert.ContainsText("Kunskapsnämnden", await reader.GetPageAsync("/organisationer"));
            _ = await reader.GetPageAsync("/organisationer/kunskapsnamnden/2025");
            _ = await reader.GetPageAsync("/");

            foreach (var response in await Task.WhenAll(waiting))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                response.Dispose();
            }
        }

        writers.ForEach(w => w.Dispose());
    }

    [Fact]
    public async Task Health_reports_a_database_that_takes_no_writes_with_503_and_recovers_when_the_lock_is_gone()
    {
        using var client = portal.CreateClient();
        using (var healthy = await client.GetAsync("/health"))
        {
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        }

        await using (await HoldWriteLockAsync())
        {
            using var locked = await client.GetAsync("/health");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, locked.StatusCode);
            Assert.Contains("Databasen tar inte emot ändringar just nu.", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var again = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    public void Dispose() => portal.Dispose();

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = portal.DatabaseFile, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>What another process does when it writes: takes the write lock, here until disposed (then rolled back).</summary>
    private async Task<SqliteConnection> HoldWriteLockAsync()
    {
        _ = portal.Server; // started, migrated and seeded before the lock is taken
        var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "BEGIN IMMEDIATE;";
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    private sealed class FixedUser(System.Security.Claims.ClaimsPrincipal user) : Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider
    {
        public override Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState> GetAuthenticationStateAsync() =>
            Task.FromResult(new Microsoft.AspNetCore.Components.Authorization.AuthenticationState(user));
    }
}
