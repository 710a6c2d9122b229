namespace Sandviken.Strategy.Domain.Kolada;

/// <summary>
/// The "Kolada" configuration section, so a test or an internal mirror can replace the public API without code
/// changes. Defaults are the public v3 API and Sandviken's municipality code.
/// </summary>
public sealed class KoladaOptions
{
    public const string SectionName = "Kolada";

    /// <summary>Ends with "/" so the client's relative paths keep the "v3" segment.</summary>
    public Uri BaseAddress { get; set; } = new("https://api.kolada.se/v3/");

    /// <summary>How long one page may take; Kolada is sometimes slow, and people wait for the import.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The most values (and "no data" rows) for the municipality that one import may hold; a larger answer or file is
    /// refused whole. Kolada's real answers hold one row per key figure in use and year (11 years by default).
    /// </summary>
    public int MaxRowsPerImport { get; set; } = DefaultMaxRowsPerImport;

    public const int DefaultMaxRowsPerImport = 5000;

    /// <summary>Sandviken's code in SCB and Kolada.</summary>
    public string MunicipalityId { get; set; } = "2181";
}
