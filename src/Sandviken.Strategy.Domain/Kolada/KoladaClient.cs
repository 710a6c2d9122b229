using System.Globalization;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Sandviken.Strategy.Domain.Kolada;

/// <summary>
/// Fetches key figures from Kolada's open API v3 so indicators can be filled in without typing. A typed client:
/// whoever registers it sets the HttpClient's base address and timeout (<see cref="Configure"/>). It returns all
/// pages or nothing: every failure is a <see cref="KoladaException"/> with a Swedish message, so an import never
/// stores half a series. Cancellation by the caller stays an <see cref="OperationCanceledException"/>.
/// </summary>
public sealed partial class KoladaClient(HttpClient http)
{
    /// <summary>Stops a server that keeps sending new "next" links.</summary>
    private const int MaxPages = 1000;

    /// <summary>Applies <paramref name="options"/> to a client before its first request.</summary>
    public static void Configure(HttpClient http, KoladaOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        var address = options.BaseAddress.AbsoluteUri;
        http.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        http.Timeout = options.Timeout;
    }

    /// <summary>
    /// The total values of <paramref name="kpiIds"/> for one municipality and the given years, following Kolada's
    /// pages; years without data come back in <see cref="KoladaSeries.Missing"/>. The ids are checked before any request.
    /// </summary>
    /// <param name="maxRows">
    /// Stops reading (a <see cref="KoladaException"/>) as soon as the pages together hold more rows than this, so a server
    /// that keeps sending rows cannot fill the memory.
    /// </param>
    public async Task<KoladaSeries> GetValuesAsync(
        IReadOnlyList<string> kpiIds, string municipalityId, IReadOnlyList<int> years, CancellationToken ct, int maxRows = int.MaxValue)
    {
        var path = DataPath(kpiIds, municipalityId, years);
        var baseAddress = http.BaseAddress
            ?? throw new InvalidOperationException("The HttpClient has no BaseAddress; use KoladaClient.Configure when registering it.");
        if (!IsAllowedBase(baseAddress))
        {
            throw new KoladaException($"Kolada:BaseAddress ({baseAddress.AbsoluteUri}) måste vara en https-adress. Bara en server på den här datorn får nås med http.");
        }

        var address = new Uri(baseAddress, path);
        var fetched = new HashSet<Uri>();
        var values = new List<KoladaValue>();
        var missing = new List<KoladaGap>();
        while (true)
        {
            if (!fetched.Add(address) || fetched.Count > MaxPages)
            {
                throw KoladaJson.Unexpected("sidorna tar aldrig slut (länken till nästa sida leder tillbaka).");
            }

            var page = await GetPageAsync(address, ct);
            values.AddRange(page.Series.Values);
            missing.AddRange(page.Series.Missing);
            if (values.Count + missing.Count > maxRows)
            {
                throw TooManyRows(maxRows);
            }

            if (page.Next is null)
            {
                return new KoladaSeries(values, missing);
            }

            address = NextAddress(address, page.Next);
        }
    }

    private async Task<KoladaPage> GetPageAsync(Uri address, CancellationToken ct)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, address);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

            // The default completion option reads the whole body within the HttpClient's timeout.
            using var response = await http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                var reason = response.ReasonPhrase is { Length: > 0 } phrase ? phrase : response.StatusCode.ToString();
                throw new KoladaException($"Kolada svarade med fel {(int)response.StatusCode} ({reason}).");
            }

            await using var body = await response.Content.ReadAsStreamAsync(ct);
            return await KoladaJson.ReadPageAsync(body, ct);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new KoladaException(http.Timeout == Timeout.InfiniteTimeSpan
                ? "Kolada svarade inte i tid."
                : $"Kolada svarade inte inom {Seconds(http.Timeout)}.", e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new KoladaException("Det gick inte att ansluta till Kolada. Kontrollera nätverket och försök igen senare.", e);
        }
    }

    /// <summary>
    /// Whether imports may start at <paramref name="baseAddress"/>: https, or http only to this machine (a local stub or
    /// mirror), where nothing travels over a network.
    /// </summary>
    internal static bool IsAllowedBase(Uri baseAddress) =>
        baseAddress.Scheme == Uri.UriSchemeHttps || (baseAddress.Scheme == Uri.UriSchemeHttp && baseAddress.IsLoopback);

    /// <summary>The message when an answer or file holds more rows than one import may store; nothing was stored.</summary>
    internal static KoladaException TooManyRows(int maxRows) => new(
        $"Svaret innehåller fler än {Validation.FieldLimits.Grouped(maxRows)} värden för kommunen, mer än en hämtning får lagra. "
        + "Inget har ändrats. Hämta färre nyckeltal eller år åt gången.");

    /// <summary>
    /// Follows a next link, absolute or relative, but only on the server of the page that named it: the same scheme,
    /// host and port, and no user name in the address. An https import therefore never continues over http.
    /// </summary>
    internal static Uri NextAddress(Uri current, string next)
    {
        if (!Uri.TryCreate(current, next, out var address) || address.Scheme is not ("http" or "https"))
        {
            throw KoladaJson.Unexpected("länken till nästa sida är ingen webbadress.");
        }

        if (address.Scheme != current.Scheme)
        {
            throw KoladaJson.Unexpected($"länken till nästa sida byter från {current.Scheme} till {address.Scheme}.");
        }

        return string.Equals(address.Host, current.Host, StringComparison.OrdinalIgnoreCase) && address.Port == current.Port && address.UserInfo.Length == 0
            ? address
            : throw KoladaJson.Unexpected("länken till nästa sida leder till en annan server.");
    }

    private static string DataPath(IReadOnlyList<string> kpiIds, string municipalityId, IReadOnlyList<int> years)
    {
        ArgumentNullException.ThrowIfNull(kpiIds);
        ArgumentNullException.ThrowIfNull(years);
        if (kpiIds.Count == 0)
        {
            throw new KoladaException("Ange minst ett nyckeltal att hämta från Kolada.");
        }

        foreach (var kpi in kpiIds)
        {
            if (kpi is null || !KpiId().IsMatch(kpi))
            {
                throw new KoladaException($"\"{kpi}\" är inget Kolada-id. Ett Kolada-id är N eller U följt av fem siffror, till exempel N01951.");
            }
        }

        if (municipalityId is null || !MunicipalityId().IsMatch(municipalityId))
        {
            throw new KoladaException($"\"{municipalityId}\" är ingen kommunkod. En kommunkod är fyra siffror, till exempel 2181.");
        }

        if (years.Count == 0)
        {
            throw new KoladaException("Ange minst ett år att hämta från Kolada.");
        }

        foreach (var year in years)
        {
            if (year is < 1900 or > 2100)
            {
                throw new KoladaException($"{year} är inget giltigt år. Ange årtal mellan 1900 och 2100.");
            }
        }

        var yearList = string.Join(',', years.Select(y => y.ToString(CultureInfo.InvariantCulture)));
        return $"data/kpi/{string.Join(',', kpiIds)}/municipality/{municipalityId}/year/{yearList}";
    }

    private static string Seconds(TimeSpan timeout)
    {
        var seconds = Math.Round(timeout.TotalSeconds, 1);
        return seconds == 1 ? "1 sekund" : seconds.ToString("0.#", Swedish.Culture) + " sekunder";
    }

    // \z rather than $: "$" would also accept a trailing line break, which must not reach the URL.
    [GeneratedRegex(@"^[NU][0-9]{5}\z")]
    private static partial Regex KpiId();

    [GeneratedRegex(@"^[0-9]{4}\z")]
    private static partial Regex MunicipalityId();
}
