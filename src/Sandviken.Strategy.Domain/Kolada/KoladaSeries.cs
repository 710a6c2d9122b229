namespace Sandviken.Strategy.Domain.Kolada;

/// <summary>
/// What Kolada had for the requested key figures and years. Years without a published total are listed in
/// <see cref="Missing"/> instead of failing, because Kolada publishes null for years it has no data for yet.
/// Rows are in the order Kolada sent them.
/// </summary>
public sealed record KoladaSeries(IReadOnlyList<KoladaValue> Values, IReadOnlyList<KoladaGap> Missing);

/// <summary>The total (gender "T") value of one key figure for one municipality and year, kept as decimal so imported figures are not rounded.</summary>
public sealed record KoladaValue(string Kpi, string Municipality, int Period, decimal Value);

/// <summary>A key figure and year that Kolada lists without a total value, so an import can tell "no data yet" from zero.</summary>
public sealed record KoladaGap(string Kpi, int Period);
