using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.ColdPath;

/// <summary>Two portals for the cold-path tests: the demo data (11 organisations) and ten times as many organisations.</summary>
public sealed class ColdPathHosts : IAsyncLifetime
{
    public CountingPortalFactory Demo { get; } = new();

    public CountingPortalFactory Tenfold { get; } = new() { Copies = 10 };

    public Task InitializeAsync()
    {
        // Start both hosts (migrate and seed) before any request is counted.
        Demo.CreateClient().Dispose();
        Tenfold.CreateClient().Dispose();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Demo.DisposeAsync();
        await Tenfold.DisposeAsync();
    }
}
