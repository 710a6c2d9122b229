using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Sandviken.Strategy.Domain.Tests.Kolada;

/// <summary>A reply from the stub; "{{base}}" in the body becomes the stub's base address (ending in "v3/").</summary>
internal sealed record StubReply(int Status, string Body)
{
    public static StubReply Json(string body) => new(200, body);

    public static StubReply Fixture(string name) => Json(File.ReadAllText(FixturePath(name)));

    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Kolada", "Fixtures", name);
}

/// <summary>
/// A real HTTP server on 127.0.0.1 with an OS-chosen port that answers like Kolada and records each request's path
/// and query. It answers one request at a time, and disposing it stops it (a delaying reply is cancelled too).
/// </summary>
internal sealed class KoladaStub : IAsyncDisposable
{
    private readonly HttpListener listener;
    private readonly Func<string, CancellationToken, Task<StubReply>> reply;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentQueue<string> requests = new();
    private readonly Task serving;

    private KoladaStub(HttpListener listener, int port, Func<string, CancellationToken, Task<StubReply>> reply)
    {
        this.listener = listener;
        this.reply = reply;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/v3/");
        serving = ServeAsync();
    }

    public Uri BaseAddress { get; }

    /// <summary>Path and query of every request received, in order.</summary>
    public IReadOnlyList<string> Requests => [.. requests];

    public static KoladaStub Start(Func<string, StubReply> reply) => Start((url, _) => Task.FromResult(reply(url)));

    public static KoladaStub Start(Func<string, CancellationToken, Task<StubReply>> reply)
    {
        // The port is free when probed but could be taken before HttpListener binds it: try a few times.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new KoladaStub(listener, port, reply);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    /// <summary>A port nobody listens on, for a refused connection.</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        try
        {
            return ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        finally
        {
            probe.Stop();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Close();
        await serving.WaitAsync(TimeSpan.FromSeconds(10));
        stopping.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // closed by DisposeAsync
            }

            await AnswerAsync(context);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var url = context.Request.RawUrl ?? "";
        requests.Enqueue(url);
        try
        {
            var answer = await reply(url, stopping.Token);
            var body = Encoding.UTF8.GetBytes(answer.Body.Replace("{{base}}", BaseAddress.AbsoluteUri, StringComparison.Ordinal));
            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body, stopping.Token);
            context.Response.Close();
        }
        catch (Exception e) when (e is OperationCanceledException or HttpListenerException or IOException or ObjectDisposedException)
        {
            // Stopped, or the client gave up (timeout or cancellation): drop the connection.
            try
            {
                context.Response.Abort();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
