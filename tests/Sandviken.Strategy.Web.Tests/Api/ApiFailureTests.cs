using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.OpenData;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Api;

/// <summary>A failure inside an API endpoint is a problem+json answer, not the site's HTML error page, and tells nothing of the exception.</summary>
public sealed class ApiFailureTests
{
    [Fact]
    public async Task An_unexpected_failure_is_a_500_problem_without_the_exceptions_text()
    {
        await using var portal = new FailingPortal(new InvalidOperationException("hemlig intern detalj"));
        using var client = portal.CreateClient();

        using var response = await client.GetAsync("/api/v1/goals");
        var body = await response.Content.ReadAsStringAsync();
        var problem = JsonDocument.Parse(body).RootElement;

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(500, problem.Int("status"));
        Assert.Equal("Ett fel inträffade", problem.Text("title"));
        Assert.DoesNotContain("hemlig", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_busy_database_is_a_503_problem_with_Retry_After()
    {
        await using var portal = new FailingPortal(new SqliteException("database is locked", 5));
        using var client = portal.CreateClient();

        using var response = await client.GetAsync("/api/v1/plans");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(DatabaseBusy.RetryAfterSeconds), response.Headers.RetryAfter?.Delta);
        Assert.Equal(DatabaseBusy.Message, problem.Text("detail"));
    }

    /// <summary>The portal whose open data reader's database throws <paramref name="failure"/> on every read.</summary>
    private sealed class FailingPortal(Exception failure) : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton(sp => new OpenDataReader(new Throwing(failure), sp.GetRequiredService<PlanSnapshotCache>())));
        }

        private sealed class Throwing(Exception failure) : IDbContextFactory<StrategyDbContext>
        {
            public StrategyDbContext CreateDbContext() => throw failure;
        }
    }
}
