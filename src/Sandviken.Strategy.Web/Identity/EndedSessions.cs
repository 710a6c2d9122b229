using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Sandviken.Strategy.Web.Identity;

/// <summary>
/// The sessions signed out in this process, by session identifier, kept until they would have reached the absolute
/// lifetime anyway. A copy of a signed-out cookie is refused at once, also for the shared demo accounts, whose
/// security stamp sign-out leaves alone (renewing it would sign out every visitor using the same demo account).
/// Real accounts also get a new security stamp at sign-out, which is kept in the database across restarts.
/// </summary>
internal sealed class EndedSessions(TimeProvider time, IOptions<SessionOptions> options)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> ended = new(StringComparer.Ordinal);

    public void End(string sessionId)
    {
        var now = time.GetUtcNow();
        ended[sessionId] = now + options.Value.AbsoluteLifetime;
        foreach (var (id, until) in ended)
        {
            if (until <= now)
            {
                ended.TryRemove(id, out _);
            }
        }
    }

    public bool HasEnded(string? sessionId) => sessionId is not null && ended.ContainsKey(sessionId);
}
