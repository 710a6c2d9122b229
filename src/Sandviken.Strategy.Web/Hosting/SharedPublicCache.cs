using StackExchange.Redis;

namespace Sandviken.Strategy.Web.Hosting;

/// <summary>
/// The public cache's generation (part of every entry's key) and the time public content last changed. With one instance
/// it lives in the process; with several behind a load balancer it must be shared, or a write through instance A leaves
/// instance B serving pages it rendered before the write under a key nobody moved on (ADR 0038).
/// </summary>
internal interface IPublicContentGeneration
{
    ValueTask<(long Value, DateTimeOffset ChangedAt)> ReadAsync();

    /// <summary>Called after each committed public write: a new generation, and a change time at least a second later.</summary>
    ValueTask AdvanceAsync();
}

/// <summary>
/// <c>ConnectionStrings:Redis</c> empty (the default): the output cache and its generation in this process. Set: both in
/// Redis, shared by every instance that names the same server.
/// </summary>
internal static class SharedPublicCache
{
    /// <summary>The prefix of every key the portal writes in Redis (output cache entries, tags, the generation).</summary>
    public const string KeyPrefix = "sandviken-strategy:";

    public static IServiceCollection AddSharedPublicCache(this IServiceCollection services, IConfiguration configuration)
    {
        var redis = configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(redis))
        {
            services.AddSingleton<IPublicContentGeneration, InProcessGeneration>();
            return services;
        }

        // One connection for the store and the generation; connected lazily, so that a host starts while Redis does.
        // Not aborted when Redis is down at the first request: the connection keeps trying in the background, and the
        // pages work again as soon as Redis is back (a failed connection would otherwise be kept for good).
        var options = ConfigurationOptions.Parse(redis);
        options.AbortOnConnectFail = false;
        var connection = new Lazy<Task<IConnectionMultiplexer>>(async () => await ConnectionMultiplexer.ConnectAsync(options));
        services.AddStackExchangeRedisOutputCache(options =>
        {
            options.InstanceName = KeyPrefix;
            options.ConnectionMultiplexerFactory = () => connection.Value;
        });
        services.AddSingleton<IPublicContentGeneration>(sp => new RedisGeneration(connection, sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    private static DateTimeOffset WholeSeconds(DateTimeOffset t) => new(t.Ticks - (t.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private sealed class InProcessGeneration(TimeProvider time) : IPublicContentGeneration
    {
        private readonly Lock gate = new();
        private long value;
        private DateTimeOffset changedAt = WholeSeconds(time.GetUtcNow());

        public ValueTask<(long Value, DateTimeOffset ChangedAt)> ReadAsync()
        {
            lock (gate)
            {
                return ValueTask.FromResult((value, changedAt));
            }
        }

        public ValueTask AdvanceAsync()
        {
            lock (gate)
            {
                var now = WholeSeconds(time.GetUtcNow());
                changedAt = now > changedAt ? now : changedAt.AddSeconds(1);
                value++;
            }

            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Two Redis keys: the generation (INCR) and the change time in Unix seconds, moved together by one script.</summary>
    private sealed class RedisGeneration(Lazy<Task<IConnectionMultiplexer>> connection, TimeProvider time) : IPublicContentGeneration
    {
        private static readonly RedisKey[] Keys = [KeyPrefix + "generation", KeyPrefix + "changed-at"];

        // Atomic on the server: two instances advancing at once give two generations and two distinct seconds.
        private const string AdvanceScript = """
            local now = tonumber(ARGV[1])
            local previous = tonumber(redis.call('GET', KEYS[2]) or '0')
            if now <= previous then now = previous + 1 end
            redis.call('SET', KEYS[2], now)
            return redis.call('INCR', KEYS[1])
            """;

        public async ValueTask<(long Value, DateTimeOffset ChangedAt)> ReadAsync()
        {
            var db = (await connection.Value).GetDatabase();
            var values = await db.StringGetAsync(Keys);
            if (values[1].IsNull)
            {
                // The first read after Redis started empty: this moment is the start, for every instance alike.
                await db.StringSetAsync(Keys[1], time.GetUtcNow().ToUnixTimeSeconds(), when: When.NotExists);
                values = await db.StringGetAsync(Keys);
            }

            var generation = values[0].IsNull ? 0 : (long)values[0];
            return (generation, DateTimeOffset.FromUnixTimeSeconds((long)values[1]));
        }

        public async ValueTask AdvanceAsync()
        {
            var db = (await connection.Value).GetDatabase();
            await db.ScriptEvaluateAsync(AdvanceScript, Keys, [time.GetUtcNow().ToUnixTimeSeconds()]);
        }
    }
}
