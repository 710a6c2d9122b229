using Sandviken.Strategy.Domain.Kolada;

namespace Sandviken.Strategy.Domain.Tests.Kolada;

/// <summary>Reading a page saved from Kolada (the offline import), and the Swedish messages for answers of the wrong shape.</summary>
public sealed class KoladaJsonTests
{
    [Fact]
    public void A_saved_file_reads_like_the_online_answer()
    {
        using var file = File.OpenRead(StubReply.FixturePath("single-page.json"));

        var series = KoladaJson.Parse(file);

        Assert.Equal(4, series.Values.Count);
        Assert.Equal(new KoladaValue("N01951", "2181", 2024, 39500m), series.Values[1]);
        Assert.Empty(series.Missing);
    }

    [Fact]
    public void Text_with_null_values_gives_gaps()
    {
        var series = KoladaJson.Parse(File.ReadAllText(StubReply.FixturePath("with-gaps.json")));

        Assert.Equal([2022], series.Values.Select(v => v.Period));
        Assert.Equal([new KoladaGap("N00401", 2023), new KoladaGap("N00401", 2024)], series.Missing);
    }

    [Theory]
    [InlineData("""[]""", "svaret är inte ett JSON-objekt.")]
    [InlineData("""{"values": 5}""", "fältet \"values\" saknas eller är inte en lista.")]
    [InlineData("""{"count": 0}""", "fältet \"values\" saknas eller är inte en lista.")]
    [InlineData("""{"values": [1]}""", "post 1 i \"values\" är inte ett objekt.")]
    [InlineData("""{"values": [{"municipality": "2181", "period": 2024, "values": []}]}""", "post 1 saknar \"kpi\".")]
    [InlineData("""{"values": [{"kpi": "N01951", "municipality": "2181", "period": "2024", "values": []}]}""", "post 1 saknar ett år i \"period\".")]
    [InlineData("""{"values": [{"kpi": "N01951", "municipality": "2181", "period": 2024}]}""", "post 1 saknar listan \"values\".")]
    [InlineData("""{"values": [{"kpi": "N01951", "municipality": "2181", "period": 2024, "values": [{"gender": "T"}]}]}""", "post 1 saknar \"value\".")]
    [InlineData("""{"values": [{"kpi": "N01951", "municipality": "2181", "period": 2024, "values": [{"gender": "T", "value": "39500"}]}]}""", "post 1 har ett värde som inte är ett tal.")]
    [InlineData("""{"values": [], "next_page": 2}""", "fältet \"next_page\" är varken en adress eller null.")]
    [InlineData("""{"values": [}""", "ogiltig JSON (rad 1, tecken 13).")]
    public void An_answer_of_the_wrong_shape_says_what_is_wrong_in_Swedish(string json, string detail)
    {
        var error = Assert.Throws<KoladaException>(() => KoladaJson.Parse(json));

        Assert.Equal("Svaret från Kolada gick inte att läsa: " + detail, error.Message);
    }

    [Fact]
    public void A_truncated_file_is_a_KoladaException()
    {
        using var file = File.OpenRead(StubReply.FixturePath("malformed.json"));

        var error = Assert.Throws<KoladaException>(() => KoladaJson.Parse(file));

        Assert.StartsWith("Svaret från Kolada gick inte att läsa: ogiltig JSON", error.Message, StringComparison.Ordinal);
    }
}
