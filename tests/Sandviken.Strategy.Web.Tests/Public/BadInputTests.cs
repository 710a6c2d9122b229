using System.Net;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Public;

/// <summary>Unknown or malformed addresses give a Swedish 404 or 400 page, never a 500 or a stack trace.</summary>
public sealed class BadInputTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private readonly HttpClient client = portal.CreateClient();

    [Theory]
    [InlineData("/omraden/finns-inte")]
    [InlineData("/omraden/vaxa-for-framtiden?ar=1999")]
    [InlineData("/omraden/vaxa-for-framtiden?ar=2027")]
    [InlineData("/organisationer/finns-inte")]
    [InlineData("/organisationer/finns-inte/2025")]
    [InlineData("/organisationer/kunskapsnamnden/1999")]
    [InlineData("/organisationer/kunskapsnamnden/abc")]
    [InlineData("/organisationer/kunskapsnamnden/99999999999")]
    [InlineData("/finns-inte/alls")]
    public async Task Unknown_addresses_give_a_Swedish_404_page(string url)
    {
        var html = await client.GetPageAsync(url, HttpStatusCode.NotFound);

        HtmlAssert.ContainsText("Sidan hittades inte", html);
        HtmlAssert.IsAccessibleStaticPage(html);
        HtmlAssert.LacksText("Exception", html);
    }

    [Theory]
    [InlineData("/omraden/vaxa-for-framtiden?ar=abc", "abc")]
    [InlineData("/omraden/vaxa-for-framtiden?ar=20x6", "20x6")]
    [InlineData("/omraden/vaxa-for-framtiden?ar=-2026", "-2026")]
    [InlineData("/omraden/vaxa-for-framtiden?ar=%3Cscript%3E", "<script>")]
    public async Task A_malformed_year_gives_a_Swedish_400_page(string url, string shown)
    {
        var html = await client.GetPageAsync(url, HttpStatusCode.BadRequest);

        HtmlAssert.ContainsText("Felaktig adress", html);
        HtmlAssert.ContainsText($"Budgetåret ”{shown}” är inte ett årtal", html);
        Assert.DoesNotContain("<script>", HtmlAssert.Text(html.Replace("&lt;script&gt;", "", StringComparison.Ordinal)), StringComparison.Ordinal);
        HtmlAssert.IsAccessibleStaticPage(html);
    }
}
