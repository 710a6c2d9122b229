using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Domain.Users;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Account;

public sealed class ChangePasswordTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Temporary = "ett tillfälligt lösenord";
    private const string Chosen = "mitt eget långa lösenord";

    [Fact]
    public async Task A_visitor_who_is_not_signed_in_is_sent_to_the_sign_in_page()
    {
        using var client = portal.CreateCookieClient();

        using var response = await client.GetAsync("/konto/byt-losenord");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/konto/logga-in", response.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task A_new_user_replaces_the_temporary_password_and_signs_in_with_the_new_one_only()
    {
        var email = await CreateAccountAsync("ny.tjansteperson@test.example");
        using var client = portal.CreateCookieClient();
        await client.SignInAsync(email, Temporary);

        var html = await (await PostAsync(client, Temporary, Chosen, Chosen)).Content.ReadAsStringAsync();

        HtmlAssert.ContainsText("Lösenordet är bytt.", html);
        Assert.DoesNotContain(Chosen, html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/arbetsyta")).StatusCode);
        using var withNew = portal.CreateCookieClient();
        Assert.Equal("/arbetsyta", (await withNew.SignInAsync(email, Chosen)).Headers.Location?.AbsolutePath);
        using var withOld = portal.CreateCookieClient();
        HtmlAssert.ContainsText("Fel e-postadress eller lösenord.", await (await withOld.SignInAsync(email, Temporary)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Repeating_the_new_password_wrongly_is_named_next_to_the_field_and_changes_nothing()
    {
        var email = await CreateAccountAsync("upprepa@test.example");
        using var client = portal.CreateCookieClient();
        await client.SignInAsync(email, Temporary);

        var html = await (await PostAsync(client, Temporary, Chosen, "något helt annat här")).Content.ReadAsStringAsync();

        HtmlAssert.ContainsText("Lösenordet är inte bytt. Rätta det som står vid fälten.", html);
        HtmlAssert.ContainsText("Lösenorden är inte likadana. Skriv det nya lösenordet två gånger.", html);
        Assert.DoesNotContain(Chosen, html, StringComparison.Ordinal);
        Assert.Matches("id=\"repeated-password\"[^>]*aria-invalid=\"true\"|aria-invalid=\"true\"[^>]*id=\"repeated-password\"", html);
        using var withOld = portal.CreateCookieClient();
        Assert.Equal("/arbetsyta", (await withOld.SignInAsync(email, Temporary)).Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task A_demo_account_keeps_the_shared_password()
    {
        using var client = portal.CreateCookieClient();
        await client.SignInAsync("politiker@sandviken.example");

        var html = await (await PostAsync(client, Browserless.DemoPassword, Chosen, Chosen)).Content.ReadAsStringAsync();

        HtmlAssert.ContainsText("Demokontonas lösenord kan inte bytas: alla som provar portalen delar dem.", html);
        using var again = portal.CreateCookieClient();
        Assert.Equal("/arbetsyta", (await again.SignInAsync("politiker@sandviken.example")).Headers.Location?.AbsolutePath);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string current, string next, string repeated)
    {
        var form = await client.GetPageAsync("/konto/byt-losenord");
        return await client.PostAsync("/konto/byt-losenord", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "byt-losenord",
            ["__RequestVerificationToken"] = Browserless.TokenIn(form),
            ["Input.CurrentPassword"] = current,
            ["Input.NewPassword"] = next,
            ["Input.RepeatedPassword"] = repeated,
        }));
    }

    private async Task<string> CreateAccountAsync(string email)
    {
        await portal.CreateClient().GetPageAsync("/");
        using var scope = portal.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var account = new PortalUser { UserName = email, Email = email, DisplayName = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(account, Temporary)).Succeeded);
        Assert.True((await users.AddToRoleAsync(account, Roles.Official)).Succeeded);
        return email;
    }
}
