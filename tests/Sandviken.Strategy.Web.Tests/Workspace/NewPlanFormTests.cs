using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Domain.Administration;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Domain.Plans;
using Sandviken.Strategy.Domain.Users;
using Sandviken.Strategy.Domain.Workspace;
using Sandviken.Strategy.Web.Components.Forms;
using Sandviken.Strategy.Web.Components.Pages.Workspace;
using Sandviken.Strategy.Web.Localization;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Workspace;

/// <summary>The new-plan form on the workspace start page, against the real services on real SQLite.</summary>
#pragma warning disable CA1001 // xunit disposes the test class through IAsyncLifetime.DisposeAsync.
public sealed class NewPlanFormTests : IAsyncLifetime
{
    private readonly PortalFactory portal = new();
    private readonly BunitContext context = new();
    private AsyncServiceScope scope;
    private ClaimsPrincipal admin = new();

    public async Task InitializeAsync()
    {
        scope = portal.Services.CreateAsyncScope();
        string adminId;
        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<StrategyDbContext>>().CreateDbContextAsync())
        {
            adminId = await db.Users.Where(u => u.Email == "admin@sandviken.example").Select(u => u.Id).SingleAsync();
        }

        admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, adminId), new Claim(ClaimTypes.Role, Roles.Administrator)], "Test"));
        context.Services.AddMudServicesInSwedish();
        context.Services.AddLogging();
        context.Services.AddTransient<FormRunner>();
        context.Services.AddSingleton(scope.ServiceProvider.GetRequiredService<PlanEditingService>());
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        var authorization = context.AddAuthorization();
        authorization.SetAuthorized("admin@sandviken.example");
        authorization.SetRoles(Roles.Administrator);
        authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, adminId));
        context.Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public async Task DisposeAsync()
    {
        await context.DisposeAsync();
        await scope.DisposeAsync();
        await portal.DisposeAsync();
    }

    [Fact]
    public async Task An_organisation_without_plans_is_not_offered_a_copy_and_its_first_plan_is_created()
    {
        var organisation = await AddOrganisationAsync();
        Assert.Empty(organisation.Plans);

        var form = context.Render<NewPlanForm>(p => p.Add(x => x.Organisation, organisation));

        Assert.Empty(form.FindAll("input[type='checkbox']"));
        await form.Find("form").SubmitAsync();

        form.WaitForAssertion(() => Assert.EndsWith("/arbetsyta/planer/", new Uri(context.Services.GetRequiredService<NavigationManager>().Uri).AbsolutePath.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'), StringComparison.Ordinal));
        Assert.Equal("", form.Find("[role='alert']").TextContent);
        Assert.Single((await OverviewOfAsync(organisation.Id)).Plans);
    }

    [Fact]
    public async Task An_organisation_with_an_earlier_plan_is_offered_the_copy_ticked()
    {
        var organisation = await AddOrganisationAsync();
        Assert.True(organisation.YearsWithoutPlan.Count >= 2, "The demo data should have at least two open budget years.");
        var first = organisation.YearsWithoutPlan.Min();
        await scope.ServiceProvider.GetRequiredService<PlanEditingService>().CreatePlanAsync(admin, organisation.Id, first, copyPreviousYear: false);
        organisation = await OverviewOfAsync(organisation.Id);

        var form = context.Render<NewPlanForm>(p => p.Add(x => x.Organisation, organisation));
        form.Find("select").Change(organisation.YearsWithoutPlan.Max().ToString(System.Globalization.CultureInfo.InvariantCulture));

        var copy = form.Find("input[type='checkbox']");
        Assert.True(copy.HasAttribute("checked") || copy.GetAttribute("aria-checked") == "true", copy.OuterHtml);
        Assert.Contains("Börja med en kopia av förra årets mål", form.Markup, StringComparison.Ordinal);
    }

    private async Task<WorkspaceOrganisation> AddOrganisationAsync()
    {
        var id = await scope.ServiceProvider.GetRequiredService<OrganisationAdminService>().AddAsync(admin, new OrganisationInput("Kulturnämnden", OrganisationKind.Committee, null, true));
        return await OverviewOfAsync(id);
    }

    private async Task<WorkspaceOrganisation> OverviewOfAsync(int organisationId) =>
        (await scope.ServiceProvider.GetRequiredService<WorkspaceReader>().ReadOverviewAsync(admin)).Organisations.Single(o => o.Id == organisationId);
}
