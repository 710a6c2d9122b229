using System.Text.Json;

namespace Sandviken.Strategy.Web.Tests.Feeds;

public sealed record RdfTerm(string TermType, string Value, string? Language, string? Datatype)
{
    public bool IsIri => TermType == "NamedNode";
}

public sealed record Triple(RdfTerm Subject, string Predicate, RdfTerm Value);

/// <summary>The triples that rdfxml-streaming-parser read, with the few questions the catalogue tests ask of them.</summary>
public sealed class RdfGraph(IReadOnlyList<Triple> triples)
{
    public const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    public const string Dcat = "http://www.w3.org/ns/dcat#";
    public const string Dcterms = "http://purl.org/dc/terms/";
    public const string Foaf = "http://xmlns.com/foaf/0.1/";
    public const string Vcard = "http://www.w3.org/2006/vcard/ns#";

    public IReadOnlyList<Triple> Triples { get; } = triples;

    public static RdfGraph From(JsonElement parsed) => new([.. parsed.GetProperty("triples").EnumerateArray().Select(t => new Triple(
        Term(t.GetProperty("subject")), t.GetProperty("predicate").GetProperty("value").GetString()!, Term(t.GetProperty("object"))))]);

    /// <summary>The subjects typed as <paramref name="type"/> (rdf:type).</summary>
    public IReadOnlyList<RdfTerm> OfType(string type) =>
        [.. Triples.Where(t => t.Predicate == Rdf + "type" && t.Value.IsIri && t.Value.Value == type).Select(t => t.Subject).Distinct()];

    public IReadOnlyList<RdfTerm> Objects(RdfTerm subject, string predicate) =>
        [.. Triples.Where(t => t.Subject == subject && t.Predicate == predicate).Select(t => t.Value)];

    /// <summary>The one IRI subject named <paramref name="iri"/>.</summary>
    public static RdfTerm Iri(string iri) => new("NamedNode", iri, null, null);

    private static RdfTerm Term(JsonElement term) => new(
        term.GetProperty("termType").GetString()!,
        term.GetProperty("value").GetString()!,
        term.TryGetProperty("language", out var language) && language.ValueKind == JsonValueKind.String && language.GetString()!.Length > 0 ? language.GetString() : null,
        term.TryGetProperty("datatype", out var datatype) && datatype.ValueKind == JsonValueKind.String ? datatype.GetString() : null);
}
