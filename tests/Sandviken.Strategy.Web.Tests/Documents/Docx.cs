using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Sandviken.Strategy.Web.Tests.Documents;

/// <summary>A downloaded Word document opened again with the Open XML SDK, as read back by the tests.</summary>
public sealed class Docx : IDisposable
{
    private readonly MemoryStream stream;

    public Docx(byte[] bytes)
    {
        stream = new MemoryStream(bytes, writable: false);
        Package = WordprocessingDocument.Open(stream, isEditable: false);
    }

    public WordprocessingDocument Package { get; }

    public Body Body => Package.MainDocumentPart!.Document.Body!;

    /// <summary>The body's paragraphs outside tables, each with its style (null for Normal) and its text.</summary>
    public IReadOnlyList<(string? Style, string Text)> Paragraphs =>
        [.. Body.Elements<Paragraph>().Select(p => (p.ParagraphProperties?.ParagraphStyleId?.Val?.Value, p.InnerText))];

    /// <summary>The headings and titles in document order.</summary>
    public IReadOnlyList<(string Style, string Text)> Headings =>
        [.. Paragraphs.Where(p => p.Style is "Title" or "Subtitle" or "Heading1" or "Heading2" or "Heading3").Select(p => (p.Style!, p.Text))];

    /// <summary>The body's text: paragraphs and table cells, one line per paragraph (headers and footers are apart).</summary>
    public string Text => string.Join("\n", Body.Descendants<Paragraph>().Select(p => p.InnerText));

    /// <summary>The text of the header that each section shows on its pages (the default header).</summary>
    public IReadOnlyList<string> SectionHeaders =>
        [.. Body.Descendants<SectionProperties>().Select(s =>
        {
            var reference = s.Elements<HeaderReference>().Single(h => h.Type?.Value == HeaderFooterValues.Default);
            return ((HeaderPart)Package.MainDocumentPart!.GetPartById(reference.Id!)).Header.InnerText;
        })];

    public IReadOnlyList<Table> Tables => [.. Body.Descendants<Table>()];

    /// <summary>What the SDK's validator finds wrong, against Office 2019's schema (it knows table captions, Office 2010).</summary>
    public IReadOnlyList<string> ValidationErrors =>
        [.. new OpenXmlValidator(FileFormatVersions.Office2019).Validate(Package)
            .Select(e => $"{e.Description} ({e.Path?.XPath}, {e.Part?.Uri})")];

    public static async Task<Docx> DownloadAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode}");
        return new Docx(await response.Content.ReadAsByteArrayAsync());
    }

    public void Dispose()
    {
        Package.Dispose();
        stream.Dispose();
    }
}
