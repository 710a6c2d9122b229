using System.Net;
using System.Text;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Public;

/// <summary>
/// ?ar= is read one way everywhere: by the area page, the dashboard and the dashboard's CSV. Exactly four digits, once;
/// anything else (a NUL, a leading zero, a space, the key twice) is a Swedish 400 on every one of them, never some year.
/// </summary>
public sealed class YearQueryTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private readonly HttpClient client = portal.CreateClient();

    public static TheoryData<string, string> MalformedYears => new()
    {
        { "2026%00", "2026\uFFFD" },
        { "02026", "02026" },
        { "0202", "0202" },
        { "%202026", " 2026" },
        { "2026%20", "2026 " },
        { "2026%0A", "2026\uFFFD" },
        { "%2B2026", "+2026" },
        { "2026.0", "2026.0" },
        { "%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%96", "２０２６" },
        { "%D9%A2%D9%A0%D9%A2%D9%A6", "٢٠٢٦" },
    };

    [Theory]
    [MemberData(nameof(MalformedYears))]
    public async Task A_year_that_is_not_exactly_four_digits_is_refused_by_the_pages_and_the_CSV_alike(string raw, string shown)
    {
        var message = $"Budgetåret ”{shown}” är inte ett årtal";

        foreach (var page in (string[])["/omraden/vaxa-for-framtiden", "/beslutsstatus"])
        {
            var html = await client.GetPageAsync($"{page}?ar={raw}", HttpStatusCode.BadRequest);
            HtmlAssert.ContainsText("Felaktig adress", html);
            Assert.Contains(message, HtmlAssert.Text(html), StringComparison.Ordinal);
            Assert.DoesNotContain("\0", html, StringComparison.Ordinal);
        }

        var (status, text) = await GetCsvAsync($"/beslutsstatus.csv?ar={raw}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith(message, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ar=2025&ar=2026")]
    [InlineData("ar=2026&ar=2025")]
    [InlineData("ar=2025&ar=2025")]
    [InlineData("ar=&ar=2025")]
    [InlineData("ar=2025&visa=bolag&ar=2026")]
    public async Task A_year_given_twice_is_refused_by_the_pages_and_the_CSV_alike(string query)
    {
        const string Message = "Adressen anger budgetåret mer än en gång. Ange ett enda år, till exempel ?ar=2026.";

        foreach (var page in (string[])["/omraden/vaxa-for-framtiden", "/beslutsstatus"])
        {
            var html = await client.GetPageAsync($"{page}?{query}", HttpStatusCode.BadRequest);
            HtmlAssert.ContainsText(Message, html);
        }

        var (status, text) = await GetCsvAsync($"/beslutsstatus.csv?{query}");
        Assert.Equal((HttpStatusCode.BadRequest, Message), (status, text));
    }

    [Fact]
    public async Task A_filter_given_twice_is_refused_by_the_dashboard_and_the_CSV_alike()
    {
        const string Message = "Adressen anger visa mer än en gång. Välj en av alla, namnder eller bolag.";

        var html = await client.GetPageAsync("/beslutsstatus?ar=2025&visa=bolag&visa=namnder", HttpStatusCode.BadRequest);
        var (status, text) = await GetCsvAsync("/beslutsstatus.csv?ar=2025&visa=bolag&visa=namnder");

        HtmlAssert.ContainsText(Message, html);
        Assert.Equal((HttpStatusCode.BadRequest, Message), (status, text));
    }

    [Theory]
    [InlineData("?ar=2025&visa=bolag", "2025")]
    [InlineData("?ar=&visa=bolag", "2026")]
    public async Task One_valid_year_or_none_is_read_as_the_same_year_by_the_dashboard_and_its_CSV(string query, string year)
    {
        var html = await client.GetPageAsync("/beslutsstatus" + query);
        var (status, csv) = await GetCsvAsync("/beslutsstatus.csv" + query);

        HtmlAssert.ContainsText($"Beslutsstatus för budgetår {year}", html);
        Assert.Equal(HttpStatusCode.OK, status);
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.StartsWith(year + ";", row, StringComparison.Ordinal));
    }

    private async Task<(HttpStatusCode Status, string Text)> GetCsvAsync(string url)
    {
        using var response = await client.GetAsync(url);
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        return (response.StatusCode, text);
    }
}
