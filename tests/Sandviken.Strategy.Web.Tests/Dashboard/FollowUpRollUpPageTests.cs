using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Domain.Dashboard;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.FollowUps;
using Sandviken.Strategy.Domain.Users;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Dashboard;

public sealed class FollowUpRollUpPageTests
{
    [Fact]
    public async Task Follow_ups_roll_up_on_the_plan_page_the_area_page_and_the_dashboard()
    {
        await using var portal = new PortalFactory();
        using var client = portal.CreateClient();
        await client.GetPageAsync("/");
        int goalId;
        Guid? shown;
        await using (var db = await portal.Services.GetRequiredService<IDbContextFactory<StrategyDbContext>>().CreateDbContextAsync())
        {
            goalId = await db.Goals.Where(g => g.Plan.Organisation.Slug == "kunskapsnamnden" && g.Plan.BudgetYear == 2025)
                .Where(g => g.Areas.Any(a => a.StrategicArea.Slug == "utbildning-som-gor-skillnad"))
                .OrderBy(g => g.SortOrder).Select(g => g.Id).FirstAsync();
            shown = await db.FollowUps.Where(f => f.GoalId == goalId && f.Point == FollowUpPoint.AnnualReport).Select(f => (Guid?)f.ConcurrencyToken).FirstOrDefaultAsync();
        }

        using (var scope = portal.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var principal = await scope.ServiceProvider.GetRequiredService<SignInManager<PortalUser>>()
                .CreateUserPrincipalAsync((await users.FindByEmailAsync("sekreterare.kunskap@sandviken.example"))!);
            await portal.Services.GetRequiredService<FollowUpService>().RecordFollowUpAsync(principal, goalId, new(FollowUpPoint.AnnualReport, Assessment.Met, "Klart."), shown);
        }

        var plan = await client.GetPageAsync("/organisationer/kunskapsnamnden/2025");
        var area = await client.GetPageAsync("/omraden/utbildning-som-gor-skillnad?ar=2025");
        var dashboard = await client.GetPageAsync("/beslutsstatus?ar=2025");
        var rollUp = (await portal.Services.GetRequiredService<DashboardReader>().ReadAsync(2025, OrganisationFilter.All))!.RollUp;
        var organisation = rollUp.Organisations.Single(o => o.Slug == "kunskapsnamnden").Counts;
        var education = rollUp.Areas.Single(a => a.Slug == "utbildning-som-gor-skillnad").Counts;

        HtmlAssert.ContainsText("Uppföljning (årsredovisning): Uppfyllt – Klart.", plan);
        HtmlAssert.ContainsText($"Uppföljning av planens mål: {InWords(organisation)}", plan);
        HtmlAssert.ContainsText($"Uppföljning av målen: {InWords(education)}", area);
        HtmlAssert.ContainsText("Uppföljning per nämnd och bolag, budgetår 2025", dashboard);
        HtmlAssert.ContainsText($"Kunskapsnämnden {organisation.Met} {organisation.PartlyMet} {organisation.NotMet} {organisation.NotAssessed}", dashboard);
        Assert.True(organisation.Met >= 1);
    }

    // Singular or plural, in the goals' (neuter) gender: "1 uppfyllt", "2 uppfyllda".
    private static string InWords(AssessmentCounts counts) =>
        $"{Words(counts.Met, "uppfyllt", "uppfyllda")}, {Words(counts.PartlyMet, "delvis uppfyllt", "delvis uppfyllda")}, " +
        $"{Words(counts.NotMet, "ej uppfyllt", "ej uppfyllda")}, {Words(counts.NotAssessed, "ej bedömt", "ej bedömda")}";

    private static string Words(int count, string singular, string plural) => $"{count} {(count == 1 ? singular : plural)}";
}
