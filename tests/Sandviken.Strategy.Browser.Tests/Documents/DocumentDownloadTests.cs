using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Playwright;
using Sandviken.Strategy.Browser.Tests.Infrastructure;

namespace Sandviken.Strategy.Browser.Tests.Documents;

/// <summary>
/// Issue 10's "done when": a secretary downloads the agenda document of a working copy (from the interactive workspace,
/// without leaving it) and of a decided version (from the public plan page), in a real browser.
/// </summary>
public sealed class DocumentDownloadTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string DraftMark = "Utkast – ej beslutat";

    [Fact]
    public async Task A_secretary_downloads_the_agenda_document_of_the_working_copy_and_of_a_decided_version()
    {
        var page = await browser.NewPageAsync();
        await SignIn.AsAsync(page, "sekreterare.omsorg@sandviken.example");
        // Omsorgsnämnden's 2026 plan: the April draft is decided, the September decision is not.
        await page.GetByRole(AriaRole.Link, new() { Name = "Nämndplan 2026" }).First.ClickAsync();
        await page.WaitForURLAsync("**/arbetsyta/planer/*");
        await SignIn.WaitForInteractivityAsync(page);
        var workspaceUrl = page.Url;

        var draft = await page.RunAndWaitForDownloadAsync(
            () => page.GetByRole(AriaRole.Link, new() { Name = "Ladda ned utkast som Word-dokument" }).ClickAsync());

        Assert.Equal("namndplan-2026-omsorgsnamnden-utkast.docx", draft.SuggestedFilename);
        var (draftHeader, draftText) = await ReadAsync(draft);
        Assert.StartsWith(DraftMark, draftHeader, StringComparison.Ordinal);
        Assert.Contains("Nämndplan 2026 – Omsorgsnämnden", draftText, StringComparison.Ordinal);
        // The download left the workspace page and its circuit as they were.
        Assert.Equal(workspaceUrl, page.Url);
        await Assertions.Expect(page.GetByTestId("plan-status")).ToHaveTextAsync("Utkast beslutat");

        await page.GotoAsync("/organisationer/omsorgsnamnden/2026");
        var decided = await page.RunAndWaitForDownloadAsync(
            () => page.GetByRole(AriaRole.Link, new() { Name = "Ladda ned som Word-dokument (version 1, .docx)" }).ClickAsync());

        Assert.Equal("namndplan-2026-omsorgsnamnden-version-1.docx", decided.SuggestedFilename);
        var (decidedHeader, decidedText) = await ReadAsync(decided);
        Assert.DoesNotContain(DraftMark, decidedHeader + decidedText, StringComparison.Ordinal);
        Assert.Contains("Beslutat utkast, version 1", decidedText, StringComparison.Ordinal);
        Assert.Contains("Kontrollsumma (SHA-256): ", decidedText, StringComparison.Ordinal);
        await Accessibility.AssertNoViolationsAsync(page);
    }

    private static async Task<(string Header, string Text)> ReadAsync(IDownload download)
    {
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        using var stream = new MemoryStream(bytes);
        using var document = WordprocessingDocument.Open(stream, isEditable: false);
        var main = document.MainDocumentPart!;
        return (
            string.Join("\n", main.HeaderParts.Select(h => h.Header.InnerText)),
            string.Join("\n", main.Document.Body!.Descendants<Paragraph>().Select(p => p.InnerText)));
    }
}
