using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Tests.Infrastructure;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Workspace;

/// <summary>
/// The workspace through HTTP (the prerendered page a browser first receives). Changes themselves travel over the
/// Blazor circuit into the same domain services that the authorization matrix in the domain tests exercises.
/// </summary>
public sealed class WorkspaceAccessTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/arbetsyta")]
    [InlineData("/arbetsyta/planer/1")]
    public async Task Anonymous_visitors_are_sent_to_the_sign_in_page(string url)
    {
        using var client = portal.CreateCookieClient();

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/konto/logga-in", response.Headers.Location?.AbsolutePath);
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(url), response.Headers.Location?.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secretary_opens_their_own_plan_and_is_refused_every_other_plan_by_id()
    {
        using var client = portal.CreateCookieClient();
        await client.SignInAsync("sekreterare.omsorg@sandviken.example");
        var plans = await PlansAsync();

        foreach (var (id, organisation) in plans)
        {
            using var response = await client.GetAsync($"/arbetsyta/planer/{id}");
            var html = await response.Content.ReadAsStringAsync();
            if (organisation == "omsorgsnamnden")
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                HtmlAssert.ContainsText("Omsorgsnämnden", html);
            }
            else
            {
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
                HtmlAssert.ContainsText("Du har inte behörighet att se den här planen i arbetsytan.", html);
                Assert.DoesNotContain("data-testid=\"goal\"", html, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData("politiker@sandviken.example")]
    [InlineData("tjansteperson@sandviken.example")]
    public async Task Politicians_and_officials_read_every_working_copy_without_edit_controls(string email)
    {
        using var client = portal.CreateCookieClient();
        await client.SignInAsync(email);

        var plans = await PlansAsync();
        Assert.Equal(DemoFacts.Organisations().Sum(o => o.Plans?.Count ?? 0), plans.Count);
        foreach (var (id, _) in plans)
        {
            var html = await client.GetPageAsync($"/arbetsyta/planer/{id}");
            HtmlAssert.ContainsText("Du kan läsa planen men inte ändra den.", html);
            Assert.DoesNotContain("data-testid=\"add-goal\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("data-testid=\"decision-form\"", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_workspace_lists_only_the_secretarys_own_organisations()
    {
        using var client = portal.CreateCookieClient();
        await client.SignInAsync("sekreterare.bostad@sandviken.example");

        var html = await client.GetPageAsync("/arbetsyta");

        HtmlAssert.ContainsText("Sandvikenhus AB", html);
        HtmlAssert.LacksText("Kunskapsnämnden", html);
        HtmlAssert.LacksText("Sandviken Energi AB", html);
    }

    [Fact]
    public async Task A_plan_id_that_does_not_exist_is_refused_like_any_other()
    {
        using var client = portal.CreateCookieClient();
        await client.SignInAsync("sekreterare.omsorg@sandviken.example");

        using var response = await client.GetAsync("/arbetsyta/planer/999999");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_plan_page_shows_the_plans_history_read_only()
    {
        var plan = (await PlansAsync()).Last(p => p.Organisation == "omsorgsnamnden"); // 2026: only the draft is decided, still editable
        using (var scope = portal.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Sandviken.Strategy.Domain.Users.PortalUser>>();
            var user = await users.FindByEmailAsync("sekreterare.omsorg@sandviken.example");
            var principal = await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.SignInManager<Sandviken.Strategy.Domain.Users.PortalUser>>().CreateUserPrincipalAsync(user!);
            var working = await portal.Services.GetRequiredService<Sandviken.Strategy.Domain.Workspace.WorkspaceReader>().ReadPlanAsync(principal, plan.Id);
            var goal = working.Goals[0];
            await portal.Services.GetRequiredService<Sandviken.Strategy.Domain.Plans.PlanEditingService>()
                .UpdateGoalAsync(principal, goal.Id, goal.ConcurrencyToken, goal.Input with { Title = goal.Input.Title + " (förtydligat)" });
        }

        using var client = portal.CreateCookieClient();
        await client.SignInAsync("politiker@sandviken.example");
        var html = await client.GetPageAsync($"/arbetsyta/planer/{plan.Id}");

        HtmlAssert.ContainsText("Alla ändringar av planen, senaste först. Loggen kan inte ändras.", html);
        // The history names the person, not their e-mail address.
        HtmlAssert.ContainsText("Olle Omsorg Ändrade ett mål", html);
        Assert.DoesNotContain("sekreterare.omsorg@sandviken.example", html, StringComparison.Ordinal);
    }

    private async Task<List<(int Id, string Organisation)>> PlansAsync()
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<StrategyDbContext>>().CreateDbContextAsync();
        return (await db.Plans.OrderBy(p => p.Id).Select(p => new { p.Id, p.Organisation.Slug }).ToListAsync())
            .Select(p => (p.Id, p.Slug)).ToList();
    }
}
