using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using Sandviken.Strategy.Domain.Mail;

namespace Sandviken.Strategy.Domain.Tests.Infrastructure;

/// <summary>
/// A real SMTP server for a test: tests/smtp/smtp_sink.py (Debian's python3-aiosmtpd, installed by scripts/test.sh) on a
/// free port, storing each message it accepts as a file. SANDVIKEN_PYTHON names the interpreter (default /usr/bin/python3).
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly Process process;

    private SmtpSink(Process process, int port, string folder)
    {
        this.process = process;
        Port = port;
        Folder = folder;
    }

    public int Port { get; }

    public string Folder { get; }

    public static async Task<SmtpSink> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"sandviken-smtp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var port = FreePort();
        var python = Environment.GetEnvironmentVariable("SANDVIKEN_PYTHON") is { Length: > 0 } p ? p : "/usr/bin/python3";
        var script = Path.Combine(SeedFiles.RepositoryRoot(), "tests", "smtp", "smtp_sink.py");
        var process = Process.Start(new ProcessStartInfo(python)
        {
            ArgumentList = { script, port.ToString(System.Globalization.CultureInfo.InvariantCulture), folder },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var line = await process.StandardOutput.ReadLineAsync();
        if (line != "ready")
        {
            var error = await process.StandardError.ReadToEndAsync();
            throw new InvalidOperationException(
                $"The test SMTP server did not start (is python3-aiosmtpd installed? scripts/test.sh installs it): {error}");
        }

        return new SmtpSink(process, port, folder);
    }

    /// <summary>Mail settings that point at this server.</summary>
    public EmailOptions Options(string baseUrl = "https://strategi.sandviken.test/") => new()
    {
        Enabled = true,
        From = "Strategiportalen <noreply@sandviken.test>",
        SmtpHost = "127.0.0.1",
        SmtpPort = Port,
        PortalBaseUrl = new Uri(baseUrl),
    };

    /// <summary>Every message the server accepted so far, with the envelope's recipients.</summary>
    public IReadOnlyList<(IReadOnlyList<string> To, MimeMessage Message)> Messages() =>
        Directory.GetFiles(Folder, "*.eml")
            .Select(file =>
            {
                var message = MimeMessage.Load(file);
                var to = (message.Headers["X-Envelope-To"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToList();
                return ((IReadOnlyList<string>)to, message);
            })
            .ToList();

    /// <summary>While on, the server refuses every message with a temporary error.</summary>
    public void Reject(bool on)
    {
        var flag = Path.Combine(Folder, "reject");
        if (on)
        {
            File.WriteAllText(flag, "");
        }
        else
        {
            File.Delete(flag);
        }
    }

    public async ValueTask DisposeAsync()
    {
        process.StandardInput.Close();
        if (!process.WaitForExit(10_000))
        {
            process.Kill();
        }

        await process.WaitForExitAsync();
        process.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
