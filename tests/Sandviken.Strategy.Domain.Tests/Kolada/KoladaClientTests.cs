using Sandviken.Strategy.Domain.Kolada;

namespace Sandviken.Strategy.Domain.Tests.Kolada;

/// <summary>
/// The Kolada client over real HTTP against a local stub (never the internet): paths, pages, gaps, and every failure
/// as a Swedish <see cref="KoladaException"/> with nothing partial. Fixture figures are made up, not Kolada's.
/// </summary>
public sealed class KoladaClientTests
{
    private const string InhabitantsPath = "/v3/data/kpi/N01951/municipality/2181/year/2020,2021,2022,2023,2024";

    private static readonly int[] FiveYears = [2020, 2021, 2022, 2023, 2024];

    [Fact]
    public async Task One_page_gives_the_total_values_of_both_key_figures()
    {
        await using var stub = KoladaStub.Start(_ => StubReply.Fixture("single-page.json"));
        using var http = HttpFor(stub);

        var series = await new KoladaClient(http).GetValuesAsync(["N01951", "N00401"], "2181", [2023, 2024], CancellationToken.None);

        Assert.Equal<KoladaValue>(
            [
                new("N01951", "2181", 2023, 39300m),
                new("N01951", "2181", 2024, 39500m),
                new("N00401", "2181", 2023, 3.41m),
                new("N00401", "2181", 2024, 3.27m),
            ],
            series.Values);
        Assert.Empty(series.Missing);
    }

    [Fact]
    public async Task The_request_has_exactly_the_expected_path_and_no_query()
    {
        await using var stub = KoladaStub.Start(_ => StubReply.Fixture("single-page.json"));
        using var http = new HttpClient();
        // Configured without the trailing slash: the "v3" segment must survive.
        KoladaClient.Configure(http, new KoladaOptions { BaseAddress = new Uri(stub.BaseAddress.AbsoluteUri.TrimEnd('/')) });

        await new KoladaClient(http).GetValuesAsync(["N01951", "N00401"], "2181", [2023, 2024], CancellationToken.None);

        Assert.Equal(["/v3/data/kpi/N01951,N00401/municipality/2181/year/2023,2024"], stub.Requests);
    }

    [Fact]
    public async Task Two_pages_are_followed_through_next_page_and_joined_in_order()
    {
        await using var stub = KoladaStub.Start(url => StubReply.Fixture(url.Contains("page=2", StringComparison.Ordinal) ? "page-2.json" : "page-1.json"));
        using var http = HttpFor(stub);

        var series = await new KoladaClient(http).GetValuesAsync(["N01951"], "2181", FiveYears, CancellationToken.None);

        Assert.Equal(FiveYears, series.Values.Select(v => v.Period));
        Assert.Equal(39500m, series.Values[^1].Value);
        Assert.Equal([InhabitantsPath, InhabitantsPath + "?page=2&per_page=3"], stub.Requests);
    }

    [Fact]
    public async Task A_next_url_link_is_followed_too_even_when_relative()
    {
        await using var stub = KoladaStub.Start(url => StubReply.Json(url.EndsWith("?page=2", StringComparison.Ordinal)
            ? """{"values": [{"kpi": "N01951", "municipality": "2181", "period": 2024, "values": [{"gender": "T", "value": 39500.0}]}], "next_url": null}"""
            : """{"values": [{"kpi": "N01951", "municipality": "2181", "period": 2023, "values": [{"gender": "T", "value": 39300.0}]}], "next_url": "2023,2024?page=2"}"""));
        using var http = HttpFor(stub);

        var series = await new KoladaClient(http).GetValuesAsync(["N01951"], "2181", [2023, 2024], CancellationToken.None);

        Assert.Equal([39300m, 39500m], series.Values.Select(v => v.Value));
        Assert.Equal("/v3/data/kpi/N01951/municipality/2181/year/2023,2024?page=2", stub.Requests[1]);
    }

    [Fact]
    public async Task Years_without_a_total_are_reported_as_gaps_not_errors()
    {
        await using var stub = KoladaStub.Start(_ => StubReply.Fixture("with-gaps.json"));
        using var http = HttpFor(stub);

        var series = await new KoladaClient(http).GetValuesAsync(["N00401"], "2181", [2022, 2023, 2024], CancellationToken.None);

        Assert.Equal([new KoladaValue("N00401", "2181", 2022, 3.55m)], series.Values);
        Assert.Equal([new KoladaGap("N00401", 2023), new KoladaGap("N00401", 2024)], series.Missing);
    }

    [Fact]
    public async Task A_row_without_T_takes_its_only_entry_and_is_a_gap_when_it_has_several()
    {
        await using var stub = KoladaStub.Start(_ => StubReply.Fixture("without-total.json"));
        using var http = HttpFor(stub);

        var series = await new KoladaClient(http).GetValuesAsync(["N00401"], "2181", [2023, 2024], CancellationToken.None);

        Assert.Equal([new KoladaValue("N00401", "2181", 2023, 3.41m)], series.Values);
        Assert.Equal([new KoladaGap("N00401", 2024)], series.Missing);
    }

    [Fact]
    public async Task An_error_status_is_a_KoladaException_with_the_code()
    {
        await using var stub = KoladaStub.Start(_ => new StubReply(500, """{"error": "internal"}"""));
        using var http = HttpFor(stub);

        var error = await Assert.ThrowsAsync<KoladaException>(() =>
            new KoladaClient(http).GetValuesAsync(["N01951"], "2181", [2024], CancellationToken.None));

        Assert.Equal("Kolada svarade med fel 500 (Internal Server Error).", error.Message);
    }

    [Fact]
    public async Task A_failing_second_page_fails_the_whole_call()
    {
        await using var stub = KoladaStub.Start(url => url.Contains("page=2", StringComparison.Ordinal)
            ? new StubReply(503, "")
            : StubReply.Fixture("page-1.json"));
        using var http = HttpFor(stub);

        var error = await Assert.ThrowsAsync<KoladaException>(() =>
            new KoladaClient(http).GetValuesAsync(["N01951"], "2181", FiveYears, CancellationToken.None));

        Assert.Equal("Kolada svarade med fel 503 (Service Unavailable).", error.Message);
        Assert.Equal(2, stub.Requests.Count);
    }

    [Fact]
    public async Task A_server_slower_than_the_timeout_is_a_KoladaException_naming_the_seconds()
    {
        await using var stub = KoladaStub.Start(async (_, stopping) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(20), stopping);
            return StubReply.Fixture("single-page.json");
        });
        using var http = HttpFor(stub, TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<KoladaException>(() =>
            new KoladaClient(http).GetValuesAsync(["N01951"], "2181", [2024], CancellationToken.None));

        Assert.Equal("Kolada svarade inte inom 1 sekund.", error.Message);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_stays_an_OperationCanceledException()
    {
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var stub = KoladaStub.Start(async (_, stopping) =>
        {
            received.TrySetResult();
            await Task.Delay(TimeSpan.FromSeconds(20), stopping);
            return StubReply.Fixture("single-page.json");
        });
        using var http = HttpFor(stub);
        using var cancellation = new CancellationTokenSource();

        var call = new KoladaClient(http).GetValuesAsync(["N01951"], "2181", [2024], cancellation.Token);
        await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(cancellation.Token, error.CancellationToken);
    }

    [Fact]
    public async Task No_server_listening_is_a_KoladaException_about_the_connection()
    {
        using var http = new HttpClient();
        KoladaClient.Configure(http, new KoladaOptions { BaseAddress = new Uri($"http://127.0.0.1:{KoladaStub.FreePort()}/v3/"), Timeout = TimeSpan.FromSeconds(10) });

        var error = await Assert.ThrowsAsync<KoladaException>(() =>
            new KoladaClient(http).GetValuesAsync(["N01951"], "2181", [2024], CancellationToken.None));

        Assert.Equal("Det gick inte att ansluta till Kolada. Kontrollera nätverket och försök igen senare.", error.Message);
    }

    [Theory]
    [InlineData("malformed.json", "Svaret från Kolada gick inte att läsa: ogiltig JSON (rad 2, tecken 1).")]
    [InlineData("wrong-shape.json", "Svaret från Kolada gick inte att läsa: fältet \"values\" saknas eller är inte en lista.")]
    public async Task An_unreadable_answer_is_a_KoladaException(string fixture, string message)
    {
        await using var stub = KoladaStub.Start(_ => StubReply.Fixture(fixture));
        using var http = HttpFor(stub);

        var error = await Assert.ThrowsAsync<KoladaException>(() =>
            new KoladaClient(http).GetValuesAsync(["N01951"], "2181", [2024], CancellationToken.None));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("http://localhost:1/v3/data/kpi/N01951/municipality/2181/year/2024?page=2", "länken till nästa sida leder till en annan server.")]
    [InlineData("{{base}}data/kpi/N01951/municipality/2181/year/2024", "sidorna tar aldrig slut (länken till nästa sida leder tillbaka).")]
    public async Task A_next_link_elsewhere_or_back_is_refused_without_following_it(string next, string detail)
    {
        await using var stub = KoladaStub.Start(_ => StubReply.Json(
            $$"""{"values": [], "next_page": "{{next}}"}"""));
        using var http = HttpFor(stub);

        var error = await Assert.ThrowsAsync<KoladaException>(() =>
            new KoladaClient(http).GetValuesAsync(["N01951"], "2181", [2024], CancellationToken.None));

        Assert.Equal("Svaret från Kolada gick inte att läsa: " + detail, error.Message);
        Assert.Single(stub.Requests);
    }

    [Fact]
    public async Task A_next_link_that_switches_scheme_is_refused_without_following_it()
    {
        // The stub speaks http on 127.0.0.1; a link to https on the same host and port is a scheme switch all the same.
        KoladaStub? self = null;
        await using var stub = self = KoladaStub.Start(_ => StubReply.Json(
            $$"""{"values": [], "next_page": "https://127.0.0.1:{{self!.BaseAddress.Port}}/v3/data/kpi/N01951/municipality/2181/year/2024?page=2"}"""));
        using var http = HttpFor(stub);

        var error = await Assert.ThrowsAsync<KoladaException>(() =>
            new KoladaClient(http).GetValuesAsync(["N01951"], "2181", [2024], CancellationToken.None));

        Assert.Equal("Svaret från Kolada gick inte att läsa: länken till nästa sida byter från http till https.", error.Message);
        Assert.Single(stub.Requests);
    }

    [Theory]
    [InlineData("http://api.kolada.se/v3/data/kpi/N01951/municipality/2181/year/2024?page=2", "länken till nästa sida byter från https till http.")]
    [InlineData("HTTP://api.kolada.se/v3/data/kpi/N01951/municipality/2181/year/2024?page=2", "länken till nästa sida byter från https till http.")]
    [InlineData("//api.kolada.se:8443/v3/data?page=2", "länken till nästa sida leder till en annan server.")]
    [InlineData("https://api.kolada.se:8443/v3/data?page=2", "länken till nästa sida leder till en annan server.")]
    [InlineData("https://kolada@api.kolada.se/v3/data?page=2", "länken till nästa sida leder till en annan server.")]
    [InlineData("https://api.kolada.se.example/v3/data?page=2", "länken till nästa sida leder till en annan server.")]
    [InlineData("ftp://api.kolada.se/v3/data?page=2", "länken till nästa sida är ingen webbadress.")]
    [InlineData("javascript:alert(1)", "länken till nästa sida är ingen webbadress.")]
    public void From_https_a_next_link_is_followed_only_over_https_to_the_same_host_and_port(string next, string detail)
    {
        var current = new Uri("https://api.kolada.se/v3/data/kpi/N01951/municipality/2181/year/2024");

        var error = Assert.Throws<KoladaException>(() => KoladaClient.NextAddress(current, next));

        Assert.Equal("Svaret från Kolada gick inte att läsa: " + detail, error.Message);
    }

    [Theory]
    [InlineData("https://API.kolada.se/v3/data/kpi/N01951/municipality/2181/year/2024?page=2", "https://api.kolada.se/v3/data/kpi/N01951/municipality/2181/year/2024?page=2")]
    [InlineData("https://api.kolada.se:443/v3/x?page=2", "https://api.kolada.se/v3/x?page=2")]
    [InlineData("2024?page=2", "https://api.kolada.se/v3/data/kpi/N01951/municipality/2181/year/2024?page=2")]
    [InlineData("/v3/x?page=2", "https://api.kolada.se/v3/x?page=2")]
    public void A_next_link_on_the_same_https_server_is_followed(string next, string expected)
    {
        var current = new Uri("https://api.kolada.se/v3/data/kpi/N01951/municipality/2181/year/2024");

        Assert.Equal(new Uri(expected), KoladaClient.NextAddress(current, next));
    }

    [Theory]
    [InlineData("http://api.kolada.se/v3/")]
    [InlineData("http://10.0.0.5/kolada/v3/")]
    [InlineData("ftp://api.kolada.se/v3/")]
    public async Task A_base_address_over_http_to_another_machine_is_refused_before_any_request(string address)
    {
        using var http = new HttpClient();
        KoladaClient.Configure(http, new KoladaOptions { BaseAddress = new Uri(address) });

        var error = await Assert.ThrowsAsync<KoladaException>(() =>
            new KoladaClient(http).GetValuesAsync(["N01951"], "2181", [2024], CancellationToken.None));

        Assert.Equal($"Kolada:BaseAddress ({address}) måste vara en https-adress. Bara en server på den här datorn får nås med http.", error.Message);
    }

    [Fact]
    public async Task More_rows_than_allowed_stop_the_reading_at_the_page_that_passes_the_limit()
    {
        await using var stub = KoladaStub.Start(url => StubReply.Fixture(url.Contains("page=2", StringComparison.Ordinal) ? "page-2.json" : "page-1.json"));
        using var http = HttpFor(stub);

        var error = await Assert.ThrowsAsync<KoladaException>(() =>
            new KoladaClient(http).GetValuesAsync(["N01951"], "2181", FiveYears, CancellationToken.None, maxRows: 2));

        Assert.Equal("Svaret innehåller fler än 2 värden för kommunen, mer än en hämtning får lagra. Inget har ändrats. Hämta färre nyckeltal eller år åt gången.", error.Message);
        Assert.Single(stub.Requests);
    }

    [Theory]
    [InlineData("n01951", "2181", 2024)]
    [InlineData("X01951", "2181", 2024)]
    [InlineData("N0195", "2181", 2024)]
    [InlineData("N019511", "2181", 2024)]
    [InlineData("N01951\n", "2181", 2024)]
    [InlineData("N01951/../x", "2181", 2024)]
    [InlineData("", "2181", 2024)]
    [InlineData("N01951", "218", 2024)]
    [InlineData("N01951", "2181a", 2024)]
    [InlineData("N01951", "2181", 1899)]
    [InlineData("N01951", "2181", 2101)]
    public async Task Invalid_ids_are_refused_before_any_request(string kpi, string municipality, int year)
    {
        await using var stub = KoladaStub.Start(_ => StubReply.Fixture("single-page.json"));
        using var http = HttpFor(stub);

        await Assert.ThrowsAsync<KoladaException>(() =>
            new KoladaClient(http).GetValuesAsync(["N00401", kpi], municipality, [2023, year], CancellationToken.None));

        Assert.Empty(stub.Requests);
    }

    [Fact]
    public async Task An_invalid_KPI_id_gets_a_Swedish_message_that_names_it()
    {
        await using var stub = KoladaStub.Start(_ => StubReply.Fixture("single-page.json"));
        using var http = HttpFor(stub);

        var error = await Assert.ThrowsAsync<KoladaException>(() =>
            new KoladaClient(http).GetValuesAsync(["N1951"], "2181", [2024], CancellationToken.None));

        Assert.Equal("\"N1951\" är inget Kolada-id. Ett Kolada-id är N eller U följt av fem siffror, till exempel N01951.", error.Message);
        Assert.Empty(stub.Requests);
    }

    [Fact]
    public void Options_default_to_the_public_API_thirty_seconds_and_Sandviken()
    {
        var options = new KoladaOptions();
        using var http = new HttpClient();

        KoladaClient.Configure(http, options);

        Assert.Equal(new Uri("https://api.kolada.se/v3/"), http.BaseAddress);
        Assert.Equal(TimeSpan.FromSeconds(30), http.Timeout);
        Assert.Equal("2181", options.MunicipalityId);
    }

    private static HttpClient HttpFor(KoladaStub stub, TimeSpan? timeout = null)
    {
        var http = new HttpClient();
        KoladaClient.Configure(http, new KoladaOptions { BaseAddress = stub.BaseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(10) });
        return http;
    }
}
