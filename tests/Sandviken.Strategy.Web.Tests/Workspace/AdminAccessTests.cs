using System.Net;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Workspace;

public sealed class AdminAccessTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    public static TheoryData<string> AdminPages => ["/admin", "/admin/organisationer", "/admin/anvandare", "/admin/planeringsomgangar", "/admin/mandatperioder", "/admin/kolada", "/admin/att-atgarda"];

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task Only_administrators_get_the_administration_pages(string url)
    {
        foreach (var email in new[] { "sekreterare.kunskap@sandviken.example", "politiker@sandviken.example", "tjansteperson@sandviken.example" })
        {
            using var client = portal.CreateCookieClient();
            await client.SignInAsync(email);
            using var refused = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Equal("/konto/ingen-behorighet", refused.Headers.Location?.AbsolutePath);
            var explanation = await client.GetPageAsync(refused.Headers.Location!.PathAndQuery, HttpStatusCode.Forbidden);
            HtmlAssert.ContainsText($"Du är inloggad som {email}, men ditt konto har inte behörighet till sidan {url}.", explanation);
        }

        using var admin = portal.CreateCookieClient();
        await admin.SignInAsync("admin@sandviken.example");
        var html = await admin.GetPageAsync(url);
        HtmlAssert.ContainsText("Administration", html);
    }

    [Theory]
    [InlineData("/konto/ingen-behorighet?ReturnUrl=%2F%20%E2%80%93%20kontot%20%C3%A4r%20sp%C3%A4rrat%2C%20ring%20070", "kontot är spärrat")]
    [InlineData("/konto/ingen-behorighet?ReturnUrl=%2F%2Fevil.example", "evil.example")]
    public async Task The_no_permission_page_shows_only_what_looks_like_a_path_of_this_site(string url, string planted)
    {
        using var client = portal.CreateCookieClient();
        await client.SignInAsync("politiker@sandviken.example");

        var html = await client.GetPageAsync(url, HttpStatusCode.Forbidden);

        HtmlAssert.ContainsText("men ditt konto har inte behörighet till sidan du försökte öppna.", html);
        HtmlAssert.LacksText(planted, html);
    }

    [Fact]
    public async Task The_user_list_shows_every_demo_account_with_its_role_in_Swedish()
    {
        using var admin = portal.CreateCookieClient();
        await admin.SignInAsync("admin@sandviken.example");

        var html = await admin.GetPageAsync("/admin/anvandare");

        HtmlAssert.ContainsText("Sara Sekreterare sekreterare.kunskap@sandviken.example (demokonto) Sekreterare Kunskapsnämnden, Överförmyndarnämnden i Västra Gästrikland Aktivt", html);
        HtmlAssert.ContainsText("Per Politiker politiker@sandviken.example (demokonto) Förtroendevald", html);
    }
}
