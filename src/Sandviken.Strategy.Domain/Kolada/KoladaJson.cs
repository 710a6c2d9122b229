using System.Text.Json;

namespace Sandviken.Strategy.Domain.Kolada;

/// <summary>
/// Reads one page of a Kolada v3 data answer. It is public so that a file saved from the API can be imported on a
/// machine without internet, read exactly as the client reads each page online.
/// </summary>
public static class KoladaJson
{
    private const string Unreadable = "Svaret från Kolada gick inte att läsa: ";

    /// <summary>Reads JSON text (not a file name).</summary>
    public static KoladaSeries Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            return Read(document.RootElement).Series;
        }
        catch (JsonException e)
        {
            throw Malformed(e);
        }
    }

    public static KoladaSeries Parse(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            return Read(document.RootElement).Series;
        }
        catch (JsonException e)
        {
            throw Malformed(e);
        }
    }

    internal static async Task<KoladaPage> ReadPageAsync(Stream json, CancellationToken ct)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(json, default, ct);
            return Read(document.RootElement);
        }
        catch (JsonException e)
        {
            throw Malformed(e);
        }
    }

    internal static KoladaException Unexpected(string detail) => new(Unreadable + detail);

    private static KoladaException Malformed(JsonException e) =>
        new(Unreadable + (e.LineNumber is { } line && e.BytePositionInLine is { } position
            ? $"ogiltig JSON (rad {line + 1}, tecken {position + 1})."
            : "ogiltig JSON."), e);

    private static KoladaPage Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Unexpected("svaret är inte ett JSON-objekt.");
        }

        if (!root.TryGetProperty("values", out var rows) || rows.ValueKind != JsonValueKind.Array)
        {
            throw Unexpected("fältet \"values\" saknas eller är inte en lista.");
        }

        var values = new List<KoladaValue>();
        var missing = new List<KoladaGap>();
        var number = 0;
        foreach (var row in rows.EnumerateArray())
        {
            number++;
            if (row.ValueKind != JsonValueKind.Object)
            {
                throw Unexpected($"post {number} i \"values\" är inte ett objekt.");
            }

            var kpi = Text(row, "kpi", number);
            var municipality = Text(row, "municipality", number);
            if (!row.TryGetProperty("period", out var period) || period.ValueKind != JsonValueKind.Number || !period.TryGetInt32(out var year))
            {
                throw Unexpected($"post {number} saknar ett år i \"period\".");
            }

            if (Total(row, number) is { } total)
            {
                values.Add(new KoladaValue(kpi, municipality, year, total));
            }
            else
            {
                missing.Add(new KoladaGap(kpi, year));
            }
        }

        return new KoladaPage(new KoladaSeries(values, missing), NextLink(root));
    }

    private static string Text(JsonElement row, string name, int number) =>
        row.TryGetProperty(name, out var text) && text.ValueKind == JsonValueKind.String && text.GetString() is { Length: > 0 } value
            ? value
            : throw Unexpected($"post {number} saknar \"{name}\".");

    /// <summary>The "T" (total) entry, or the only entry when there is no "T"; null when Kolada has no total.</summary>
    private static decimal? Total(JsonElement row, int number)
    {
        if (!row.TryGetProperty("values", out var entries) || entries.ValueKind != JsonValueKind.Array)
        {
            throw Unexpected($"post {number} saknar listan \"values\".");
        }

        JsonElement? chosen = null;
        foreach (var entry in entries.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object)
            {
                throw Unexpected($"post {number} har ett värde som inte är ett objekt.");
            }

            if (chosen is null && entry.TryGetProperty("gender", out var gender) && gender.ValueKind == JsonValueKind.String && gender.GetString() == "T")
            {
                chosen = entry;
            }
        }

        if (chosen is null && entries.GetArrayLength() == 1)
        {
            chosen = entries[0];
        }

        if (chosen is not { } picked)
        {
            return null;
        }

        if (!picked.TryGetProperty("value", out var value))
        {
            throw Unexpected($"post {number} saknar \"value\".");
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var parsed)
            ? parsed
            : throw Unexpected($"post {number} har ett värde som inte är ett tal.");
    }

    /// <summary>Kolada names the link "next_page"; "next_url" is accepted too.</summary>
    private static string? NextLink(JsonElement root)
    {
        foreach (var name in (string[])["next_page", "next_url"])
        {
            if (!root.TryGetProperty(name, out var link) || link.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (link.ValueKind != JsonValueKind.String)
            {
                throw Unexpected($"fältet \"{name}\" är varken en adress eller null.");
            }

            if (link.GetString() is { } address && !string.IsNullOrWhiteSpace(address))
            {
                return address;
            }
        }

        return null;
    }
}

/// <summary>One page: its rows and the link to the next page, if any.</summary>
internal sealed record KoladaPage(KoladaSeries Series, string? Next);
