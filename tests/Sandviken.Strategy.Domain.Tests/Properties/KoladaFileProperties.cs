using Sandviken.Strategy.Domain.Tests.Infrastructure;
using System.Globalization;
using System.Text;
using CsCheck;
using Sandviken.Strategy.Domain.Kolada;
using Xunit.Abstractions;

namespace Sandviken.Strategy.Domain.Tests.Properties;

/// <summary>
/// Generated Kolada files through <see cref="KoladaImporter.ImportFromFileAsync"/>: garbage, broken JSON and JSON in
/// Kolada's shape with hostile numbers, years and texts. A file is refused whole (a <see cref="KoladaException"/> or a
/// validation error, with a Swedish message) or its values for the municipality read back exactly.
/// </summary>
public sealed class KoladaFileProperties(PropertyDatabase fixture, ITestOutputHelper output) : IClassFixture<PropertyDatabase>
{
    private const string Kpi = "N01951";

    private static readonly Gen<string> Numerals = Gen.Frequency(
        (4, Generated.Number.Select(n => n.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.OneOf("1e400", "-1e400", "1E-30", "-0", "0.00001", "123456789012345678901234567890", "1e28", "12.34567", "null", "\"12\"", "true", "[]", "{}", "NaN", "0x10", "1_000")));

    private static readonly Gen<string> Years = Gen.Frequency(
        (8, Gen.Int[2015, 2026].Select(y => y.ToString(CultureInfo.InvariantCulture))),
        // A few far years only: each stored one is read back after every later import.
        (1, Gen.OneOf(0, 1, -1, 1899, 2099, 9999, int.MaxValue, int.MinValue).Select(y => y.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.OneOf("2025.5", "\"2025\"", "null", "1e3", "-0", "02025", "2147483648")));

    private static readonly Gen<string> Row = Gen.Select(
        Gen.Frequency((6, Gen.Const(Kpi)), (1, Generated.AnyText)),
        Gen.Frequency((6, Gen.Const("2181")), (1, Generated.AnyText)),
        Years,
        Gen.Frequency((6, Gen.Const("T")), (1, Gen.OneOf("K", "M")), (1, Generated.AnyText)),
        Numerals,
        (kpi, municipality, year, gender, value) =>
            $$"""{"kpi":{{Quoted(kpi)}},"municipality":{{Quoted(municipality)}},"period":{{year}},"values":[{"gender":{{Quoted(gender)}},"value":{{value}}}]}""");

    /// <summary>Kolada's shape most of the time; otherwise broken JSON, other JSON, or text that is no JSON at all.</summary>
    private static readonly Gen<byte[]> Files = Gen.Frequency(
        (4, Row.Array[0, 6].Select(rows => Utf8("""{"values":[""" + string.Join(",", rows) + "]}"))),
        (1, Row.Array[1, 3].Select(rows => Utf8("""{"values":[""" + string.Join(",", rows)))),
        (1, Gen.OneOf("{}", "[]", "null", "{\"values\":{}}", "{\"values\":[1,2]}", "{\"values\":[{}]}", "").Select(Utf8)),
        (1, Generated.AnyText.Select(Utf8)),
        (1, Gen.Byte.Array[0, 200]));

    [Fact]
    public async Task Kolada_files_are_refused_whole_or_their_values_read_back_exactly()
    {
        var planId = await fixture.NewPlanAsync(Kpi);
        var importer = new KoladaImporter(fixture.Database, fixture.Services.Actors, fixture.Database.Clock, new KoladaOptions(), () => throw new InvalidOperationException("A file import never calls Kolada."));

        var tally = await Property.ForEachAsync(
            Files,
            async file =>
            {
                await importer.ImportFromFileAsync(fixture.Administrator, new MemoryStream(file));

                // Every total for the municipality and the KPI in use is stored; the last of a year wins.
                var sent = KoladaJson.Parse(new MemoryStream(file)).Values
                    .Where(v => v.Municipality == "2181" && v.Kpi == Kpi)
                    .GroupBy(v => v.Period).ToDictionary(g => g.Key.ToString(CultureInfo.InvariantCulture), g => g.Last().Value);
                var stored = (await fixture.Services.Workspace.ReadPlanAsync(fixture.Administrator, planId)).Measurements
                    .Where(m => m.Source == KoladaImporter.Source).ToDictionary(m => m.Period, m => m.Value);
                foreach (var (period, value) in sent)
                {
                    Assert.Equal(value, stored[period]);
                }
            },
            typeof(KoladaException));

        output.WriteLine(tally.ToString());
        tally.AssertCovered();
    }

    private static string Quoted(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
