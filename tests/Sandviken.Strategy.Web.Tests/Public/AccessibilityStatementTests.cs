using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Public;

public sealed class AccessibilityStatementTests
{
    [Fact]
    public async Task The_statement_gives_the_configured_contact_and_the_supervisory_authority()
    {
        await using var portal = new PortalFactory();
        portal.Settings["Accessibility:ContactEmail"] = "webb@kommun.example";
        portal.Settings["Accessibility:ContactPhone"] = "026-00 00 00";
        using var client = portal.CreateClient();

        var html = await client.GetPageAsync("/tillganglighet");

        HtmlAssert.IsAccessibleStaticPage(html);
        Assert.Contains("href=\"mailto:webb@kommun.example\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"tel:026000000\"", html, StringComparison.Ordinal);
        HtmlAssert.ContainsText("Telefon: 026-00 00 00", html);
        Assert.Contains("href=\"https://www.digg.se/tdosanmalan\"", html, StringComparison.Ordinal);
        HtmlAssert.LacksText("Kontaktuppgifterna är inte inlagda ännu", html);
    }

    [Fact]
    public async Task Without_a_configured_contact_the_statement_says_how_to_reach_the_municipality_anyway()
    {
        await using var portal = new PortalFactory();
        using var client = portal.CreateClient();

        var html = await client.GetPageAsync("/tillganglighet");

        HtmlAssert.ContainsText("Kontaktuppgifterna är inte inlagda ännu.", html);
        Assert.DoesNotContain("mailto:", html, StringComparison.Ordinal);
    }
}
