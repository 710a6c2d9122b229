using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sandviken.Strategy.Web.Tests.Infrastructure;

// One browser class at a time: each class starts its own portal and Chromium, and two of them side by side on the
// two shared cores made waits run out (issue 13). The classes still share nothing, so the order does not matter.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Sandviken.Strategy.Browser.Tests.Infrastructure;

/// <summary>
/// The portal on real Kestrel (a loopback port chosen by the OS) and Debian's Chromium driven by Playwright.
/// Playwright cannot download its own browsers here; scripts/test.sh installs /usr/bin/chromium.
/// </summary>
#pragma warning disable CA1001 // xunit disposes the fixture through IAsyncLifetime.DisposeAsync.
public class BrowserFixture : IAsyncLifetime
{
    private readonly PortalFactory portal = new();
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>More configuration for the portal, set before <see cref="InitializeAsync"/> starts it.</summary>
    protected Dictionary<string, string?> Settings => portal.Settings;

    /// <summary>The portal's clock (a fake one, set to 26 November 2026), for tests that let time pass.</summary>
    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock => portal.Clock;

    /// <summary>Where the portal writes its JSON log (security events among them).</summary>
    public string LogFolder => portal.LogFolder;

    /// <summary>The running portal's services, for tests that compute what a page must show from the database.</summary>
    public IServiceProvider Services => portal.Services;

    public virtual async Task InitializeAsync()
    {
        // Expect(...) waits until its condition holds and fails only when this runs out. Playwright's 5 seconds are
        // too short for a circuit's first render on two cores shared with other builds and tests: 20 seconds bounds the
        // wait without timing anything. A passing expectation returns as soon as it holds, so green runs are not slower.
        Assertions.SetDefaultExpectTimeout(20_000);
        portal.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        portal.StartServer();
        var address = portal.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(address);

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("SANDVIKEN_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    /// <summary>A fresh page in its own context, Swedish locale, with or without JavaScript, 1280 pixels wide unless told.</summary>
    public async Task<IPage> NewPageAsync(bool javaScriptEnabled = true, int width = 1280, string locale = "sv-SE")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = locale,
            JavaScriptEnabled = javaScriptEnabled,
            ViewportSize = new ViewportSize { Width = width, Height = 800 },
        });
        return await context.NewPageAsync();
    }

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        await portal.DisposeAsync();
    }
}
