using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Reminders;

/// <summary>/konto/paminnelser: a user switches reminders by e-mail off and on for themselves only.</summary>
public sealed class ReminderSettingsTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Secretary = "sekreterare.omsorg@sandviken.example";

    [Fact]
    public async Task Unchecking_the_box_switches_reminders_off_and_checking_it_switches_them_on_again()
    {
        using var client = portal.CreateCookieClient();
        await client.SignInAsync(Secretary);
        var page = await client.GetPageAsync("/konto/paminnelser");
        Assert.Matches("id=\"receive-reminders\"[^>]*checked|checked[^>]*id=\"receive-reminders\"", page);

        var off = await PostAsync(client, receive: false);
        HtmlAssert.ContainsText("Du får inga påminnelser per e-post.", off);
        Assert.True(await RemindersOffAsync(Secretary));
        Assert.False(await RemindersOffAsync("admin@sandviken.example"));

        var on = await PostAsync(client, receive: true);
        HtmlAssert.ContainsText("Du får påminnelser per e-post.", on);
        Assert.False(await RemindersOffAsync(Secretary));
    }

    private static async Task<string> PostAsync(HttpClient client, bool receive)
    {
        var form = await client.GetPageAsync("/konto/paminnelser");
        var fields = new Dictionary<string, string>
        {
            ["_handler"] = "paminnelser",
            ["__RequestVerificationToken"] = Browserless.TokenIn(form),
            ["Input.Submitted"] = "true",
        };
        if (receive)
        {
            fields["Input.Receive"] = "true";
        }

        using var response = await client.PostAsync("/konto/paminnelser", new FormUrlEncodedContent(fields));
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<bool> RemindersOffAsync(string email)
    {
        using var scope = portal.Services.CreateScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<StrategyDbContext>>().CreateDbContextAsync();
        return await db.Users.Where(u => u.Email == email).Select(u => u.RemindersOff).SingleAsync();
    }
}
