using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Domain.Administration;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Workspace;

public sealed class WorkspaceHomeTests
{
    [Fact]
    public async Task A_secretary_learns_why_no_new_plan_can_be_made()
    {
        await using var portal = new PortalFactory();
        using var client = portal.CreateCookieClient();
        await client.SignInAsync("sekreterare.omsorg@sandviken.example");

        // Every cycle of the demo data already has Omsorgsnämnden's plan.
        HtmlAssert.ContainsText("Det finns ingen planeringsomgång för ett nytt budgetår. En administratör lägger till den under Planeringsomgångar.",
            await client.GetPageAsync("/arbetsyta"));

        // A cycle for 2027, whose mandate period has no areas yet: the reason is the missing areas.
        using (var scope = portal.Services.CreateScope())
        {
            var admin = await Browserless.PrincipalOfAsync(scope, "admin@sandviken.example");
            await scope.ServiceProvider.GetRequiredService<PlanningAdminService>().SaveCycleAsync(admin, new(2027, new(2026, 4, 30), new(2026, 9, 30)));
        }

        var html = await client.GetPageAsync("/arbetsyta");
        HtmlAssert.ContainsText("Det finns inga strategiska områden för budgetår 2027 ännu", html);
        Assert.DoesNotContain("data-testid=\"new-plan\"", html, StringComparison.Ordinal);
    }
}
