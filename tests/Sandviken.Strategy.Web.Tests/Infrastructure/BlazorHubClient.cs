using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Sandviken.Strategy.Web.Tests.Infrastructure;

/// <summary>
/// A hand-written client of the Blazor hub, as an attacker would write one (issue 9): negotiate over HTTP, a WebSocket
/// to <c>/_blazor?id=…</c>, SignalR's handshake for Blazor's "blazorpack" protocol (MessagePack), then one invocation of
/// <c>StartCircuit</c> with no components. Only the few MessagePack forms these messages use are written and read.
/// Shared with the benchmarks (benchmarks/Sandviken.Strategy.Benchmarks links this file).
/// </summary>
public sealed class BlazorHubClient : IAsyncDisposable
{
    private const byte RecordSeparator = 0x1e;
    private readonly ClientWebSocket socket;
    private readonly List<byte> pending = [];

    private BlazorHubClient(ClientWebSocket socket) => this.socket = socket;

    /// <summary>What the hub answered to a connection attempt.</summary>
    public enum Outcome
    {
        /// <summary>The connection is open and the handshake done (from <see cref="ConnectAsync"/>).</summary>
        Connected,

        /// <summary>The circuit started: <c>StartCircuit</c> returned its identifier.</summary>
        CircuitStarted,

        /// <summary>The HTTP request (negotiate or the WebSocket upgrade) was refused with a status code.</summary>
        Refused,

        /// <summary>The connection was accepted and then closed by the hub (its close message), no circuit.</summary>
        Closed,

        /// <summary>The hub answered <c>StartCircuit</c> with no circuit or an error.</summary>
        NoCircuit,
    }

    /// <summary>The connection, if it stayed open (dispose it to close it).</summary>
    public sealed record Attempt(Outcome Outcome, HttpStatusCode? Status, string? Detail, BlazorHubClient? Connection);

    /// <summary>Negotiates, connects, shakes hands and starts a circuit; never throws for a refusal.</summary>
    public static async Task<Attempt> TryStartCircuitAsync(Uri baseAddress, CookieContainer? cookies, CancellationToken cancellation = default)
    {
        using var handler = new HttpClientHandler { UseCookies = cookies is not null, CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress };
        using var negotiate = await http.PostAsync("/_blazor/negotiate?negotiateVersion=1", content: null, cancellation);
        if (!negotiate.IsSuccessStatusCode)
        {
            return new Attempt(Outcome.Refused, negotiate.StatusCode, await negotiate.Content.ReadAsStringAsync(cancellation), null);
        }

        var token = (await negotiate.Content.ReadFromJsonAsync<JsonElement>(cancellation)).GetProperty("connectionToken").GetString();
        var attempt = await ConnectAsync(baseAddress, cookies, token, cancellation: cancellation);
        if (attempt.Connection is not { } client)
        {
            return attempt;
        }

        try
        {
            var outcome = await client.StartCircuitAsync(baseAddress, cancellation);
            if (outcome.Outcome != Outcome.CircuitStarted)
            {
                await client.DisposeAsync();
                return outcome;
            }

            return outcome with { Connection = client };
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>The WebSocket and the handshake; with <paramref name="connectionToken"/> null, without negotiating first.</summary>
    public static async Task<Attempt> ConnectAsync(
        Uri baseAddress, CookieContainer? cookies, string? connectionToken, string? forwardedFor = null, CancellationToken cancellation = default)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (forwardedFor is not null)
        {
            socket.Options.SetRequestHeader("X-Forwarded-For", forwardedFor);
        }

        if (cookies is not null)
        {
            socket.Options.Cookies = cookies;
        }

        var address = new UriBuilder(baseAddress) { Scheme = baseAddress.Scheme == "https" ? "wss" : "ws", Path = "/_blazor" };
        if (connectionToken is not null)
        {
            address.Query = "id=" + Uri.EscapeDataString(connectionToken);
        }

        try
        {
            await socket.ConnectAsync(address.Uri, cancellation);
        }
        catch (WebSocketException)
        {
            var status = socket.HttpStatusCode;
            socket.Dispose();
            return new Attempt(Outcome.Refused, status, null, null);
        }

        var client = new BlazorHubClient(socket);
        await client.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"blazorpack\",\"version\":1}\u001e"), cancellation);
        var handshake = await client.ReadHandshakeAsync(cancellation);
        if (handshake is null || handshake.Contains("error", StringComparison.Ordinal))
        {
            await client.DisposeAsync();
            return new Attempt(Outcome.Closed, null, handshake, null);
        }

        return new Attempt(Outcome.Connected, null, null, client);
    }

    /// <summary>Invokes StartCircuit and waits for its completion, or for the hub's close message.</summary>
    public async Task<Attempt> StartCircuitAsync(Uri baseAddress, CancellationToken cancellation = default)
    {
        var baseUri = baseAddress.GetLeftPart(UriPartial.Authority) + "/";
        var invocation = new MessagePackWriter();
        invocation.ArrayHeader(5);
        invocation.Integer(1); // Invocation
        invocation.MapHeader(0);
        invocation.String("1");
        invocation.String("StartCircuit");
        invocation.ArrayHeader(4);
        invocation.String(baseUri);
        invocation.String(baseUri + "arbetsyta");
        invocation.String("[]");
        invocation.String("");
        try
        {
            await SendAsync(invocation.Framed(), cancellation);
        }
        catch (WebSocketException)
        {
            // Closed by the hub already: its close message may still be in what was received.
        }

        while (await ReadMessageAsync(cancellation) is { } message)
        {
            var reader = new MessagePackReader(message);
            reader.ArrayHeader();
            switch (reader.Integer())
            {
                case 3: // Completion: headers, invocation id, result kind (1 error, 2 void, 3 result), result
                    reader.MapHeader();
                    reader.String();
                    var kind = reader.Integer();
                    var result = kind == 2 ? null : reader.String();
                    return kind == 3 && !string.IsNullOrEmpty(result)
                        ? new Attempt(Outcome.CircuitStarted, null, result, this)
                        : new Attempt(Outcome.NoCircuit, null, result, null);
                case 7: // Close: error, allow reconnect
                    return new Attempt(Outcome.Closed, null, reader.String(), null);
                default: // Ping or a message for the page: not the answer
                    continue;
            }
        }

        return new Attempt(Outcome.Closed, null, "The hub closed the socket.", null);
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // Already going away.
            }
        }

        socket.Dispose();
    }

    private Task SendAsync(byte[] bytes, CancellationToken cancellation) =>
        socket.SendAsync(bytes, WebSocketMessageType.Binary, endOfMessage: true, cancellation);

    private async Task<bool> ReceiveAsync(CancellationToken cancellation)
    {
        var buffer = new byte[4096];
        while (true)
        {
            WebSocketReceiveResult received;
            try
            {
                received = await socket.ReceiveAsync(buffer, cancellation);
            }
            catch (WebSocketException)
            {
                return false;
            }

            if (received.MessageType == WebSocketMessageType.Close)
            {
                return false;
            }

            pending.AddRange(buffer.AsSpan(0, received.Count));
            if (received.EndOfMessage)
            {
                return true;
            }
        }
    }

    private async Task<string?> ReadHandshakeAsync(CancellationToken cancellation)
    {
        while (pending.IndexOf(RecordSeparator) is var end && end < 0)
        {
            if (!await ReceiveAsync(cancellation))
            {
                return null;
            }
        }

        var separator = pending.IndexOf(RecordSeparator);
        var text = Encoding.UTF8.GetString([.. pending.Take(separator)]);
        pending.RemoveRange(0, separator + 1);
        return text;
    }

    // One length-prefixed MessagePack message (the length is a base-128 varint).
    private async Task<byte[]?> ReadMessageAsync(CancellationToken cancellation)
    {
        while (true)
        {
            if (TryTakeMessage() is { } message)
            {
                return message;
            }

            if (!await ReceiveAsync(cancellation))
            {
                return null;
            }
        }
    }

    private byte[]? TryTakeMessage()
    {
        var length = 0;
        var shift = 0;
        for (var i = 0; i < pending.Count && i < 5; i++)
        {
            length |= (pending[i] & 0x7f) << shift;
            shift += 7;
            if ((pending[i] & 0x80) == 0)
            {
                if (pending.Count < i + 1 + length)
                {
                    return null;
                }

                var message = pending.GetRange(i + 1, length).ToArray();
                pending.RemoveRange(0, i + 1 + length);
                return message;
            }
        }

        return null;
    }

    private sealed class MessagePackWriter
    {
        private readonly List<byte> bytes = [];

        public void ArrayHeader(int count) => bytes.Add((byte)(0x90 | count));

        public void MapHeader(int count) => bytes.Add((byte)(0x80 | count));

        public void Integer(int value) => bytes.Add((byte)value);

        public void String(string value)
        {
            var utf8 = Encoding.UTF8.GetBytes(value);
            if (utf8.Length < 32)
            {
                bytes.Add((byte)(0xa0 | utf8.Length));
            }
            else
            {
                bytes.Add(0xda);
                bytes.Add((byte)(utf8.Length >> 8));
                bytes.Add((byte)utf8.Length);
            }

            bytes.AddRange(utf8);
        }

        public byte[] Framed()
        {
            var framed = new List<byte>();
            var length = bytes.Count;
            do
            {
                var b = (byte)(length & 0x7f);
                length >>= 7;
                framed.Add(length > 0 ? (byte)(b | 0x80) : b);
            }
            while (length > 0);

            framed.AddRange(bytes);
            return [.. framed];
        }
    }

    private sealed class MessagePackReader(byte[] bytes)
    {
        private int position;

        public int ArrayHeader() => bytes[position++] & 0x0f;

        public int MapHeader() => bytes[position++] & 0x0f;

        public int Integer() => bytes[position++];

        public string? String()
        {
            var first = bytes[position++];
            int length;
            switch (first)
            {
                case 0xc0:
                    return null;
                case >= 0xa0 and <= 0xbf:
                    length = first & 0x1f;
                    break;
                case 0xd9:
                    length = bytes[position++];
                    break;
                case 0xda:
                    length = (bytes[position] << 8) | bytes[position + 1];
                    position += 2;
                    break;
                default:
                    return $"(MessagePack 0x{first:x2})";
            }

            var text = Encoding.UTF8.GetString(bytes, position, length);
            position += length;
            return text;
        }
    }
}
