using System.Net;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Hosting;

/// <summary>While demo data is loaded, every page says so: the public pages, sign-in, the workspace and the administration.</summary>
public sealed class DemoNoticeTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Notice = "Exempeldata. Nämnder, bolag, planer, mål och beslut på den här webbplatsen är påhittade";

    [Theory]
    [InlineData("/beslutsstatus?ar=2025&visa=bolag")]
    [InlineData("/konto/logga-in")]
    [InlineData("/tillganglighet")]
    [InlineData("/finns-inte")]
    public async Task Pages_for_everyone_carry_the_notice(string url)
    {
        using var client = portal.CreateClient();

        using var response = await client.GetAsync(url);

        HtmlAssert.ContainsText(Notice, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/arbetsyta")]
    [InlineData("/admin")]
    [InlineData("/admin/anvandare")]
    [InlineData("/konto/byt-losenord")]
    [InlineData("/konto/paminnelser")]
    [InlineData("/konto/logga-ut")]
    public async Task Signed_in_pages_carry_the_notice(string url)
    {
        using var client = portal.CreateCookieClient();
        await client.SignInAsync("admin@sandviken.example");

        HtmlAssert.ContainsText(Notice, await client.GetPageAsync(url));
    }

    [Fact]
    public async Task The_no_permission_page_carries_the_notice()
    {
        using var client = portal.CreateCookieClient();
        await client.SignInAsync("politiker@sandviken.example");

        HtmlAssert.ContainsText(Notice, await client.GetPageAsync("/konto/ingen-behorighet", HttpStatusCode.Forbidden));
    }
}
