using System.Diagnostics;
using System.Text.Json;
using Sandviken.Strategy.Domain.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Feeds;

/// <summary>
/// The independent parsers in tests/parsers (npm's rdfxml-streaming-parser, feedparser and ical.js, installed by the test
/// command with <c>npm ci</c>): a document goes in on standard input, and the parser's reading comes back as JSON. A
/// document a parser refuses fails the test with the parser's own message.
/// </summary>
public static class NodeParsers
{
    private static readonly string Folder = Path.Combine(SeedFiles.RepositoryRoot(), "tests", "parsers");

    public static Task<JsonElement> RdfXmlAsync(byte[] document) => RunAsync("rdfxml.mjs", document);

    public static Task<JsonElement> AtomAsync(byte[] document) => RunAsync("atom.mjs", document);

    public static Task<JsonElement> ICalendarAsync(byte[] document) => RunAsync("ical.mjs", document);

    private static async Task<JsonElement> RunAsync(string script, byte[] document)
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules")))
        {
            Assert.Fail($"The parsers are not installed: run 'npm ci' in {Folder} (scripts/test.sh does).");
        }

        var start = new ProcessStartInfo("node", [script])
        {
            WorkingDirectory = Folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        await node.StandardInput.BaseStream.WriteAsync(document);
        node.StandardInput.Close();
        // A guard against a hung process, not a measurement: the parsers take well under a second.
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await node.WaitForExitAsync(stop.Token);
        var json = await output;
        Assert.True(node.ExitCode == 0, $"{script} refused the document: {await errors}");
        using var parsed = JsonDocument.Parse(json);
        return parsed.RootElement.Clone();
    }
}
