using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Web.Hosting;
using Sandviken.Strategy.Web.Tests.Infrastructure;
using Outcome = Sandviken.Strategy.Web.Tests.Infrastructure.BlazorHubClient.Outcome;

namespace Sandviken.Strategy.Web.Tests.Hosting;

/// <summary>
/// The Blazor hub over real Kestrel, driven by a hand-written SignalR client (the attack of issue 9): no circuit
/// without a valid sign-in, and no more than the cap per user.
/// </summary>
public sealed class CircuitLimitTests
{
    [Fact]
    public async Task Without_a_sign_in_negotiate_and_connect_are_refused_and_no_circuit_starts()
    {
        await using var portal = new KestrelPortal(new Dictionary<string, string?>());

        var negotiated = await BlazorHubClient.TryStartCircuitAsync(portal.Address, cookies: null);
        var connected = await BlazorHubClient.ConnectAsync(portal.Address, cookies: null, connectionToken: null);
        var withMadeUpId = await BlazorHubClient.ConnectAsync(portal.Address, cookies: null, connectionToken: "gissat-id");
        using var client = portal.ClientFrom(null);
        using var longPolling = await client.GetAsync("/_blazor?id=gissat-id");
        using var disconnect = await client.PostAsync("/_blazor/disconnect", new FormUrlEncodedContent(new Dictionary<string, string> { ["circuitId"] = "x" }));

        Assert.Equal((Outcome.Refused, HttpStatusCode.Unauthorized), (negotiated.Outcome, negotiated.Status));
        Assert.Equal((Outcome.Refused, HttpStatusCode.Unauthorized), (connected.Outcome, connected.Status));
        Assert.Equal((Outcome.Refused, HttpStatusCode.Unauthorized), (withMadeUpId.Outcome, withMadeUpId.Status));
        Assert.Equal(HttpStatusCode.Unauthorized, longPolling.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, disconnect.StatusCode);
    }

    [Fact]
    public async Task A_forged_or_foreign_cookie_is_no_sign_in()
    {
        await using var portal = new KestrelPortal(new Dictionary<string, string?>());
        var cookies = new CookieContainer();
        cookies.Add(portal.Address, new Cookie("sandviken.auth", "CfDJ8-inte-en-riktig-biljett"));

        var attempt = await BlazorHubClient.TryStartCircuitAsync(portal.Address, cookies);

        Assert.Equal((Outcome.Refused, HttpStatusCode.Unauthorized), (attempt.Outcome, attempt.Status));
    }

    [Fact]
    public async Task A_signed_in_user_gets_circuits_up_to_the_cap_and_then_refusals_while_others_still_get_theirs()
    {
        await using var portal = new KestrelPortal(new Dictionary<string, string?> { ["Circuits:MaxPerUser"] = "2" });
        var secretary = await SignedInAsync(portal, "sekreterare.kunskap@sandviken.example");
        var open = new List<BlazorHubClient>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                var started = await BlazorHubClient.TryStartCircuitAsync(portal.Address, secretary);
                Assert.True(started.Outcome == Outcome.CircuitStarted, $"Circuit {i + 1}: {started.Outcome} {started.Status} {started.Detail}");
                open.Add(started.Connection!);
            }

            // Beyond the cap: refused, again and again, without touching the open ones.
            for (var i = 0; i < 5; i++)
            {
                var refused = await BlazorHubClient.TryStartCircuitAsync(portal.Address, secretary);
                Assert.Equal(Outcome.Closed, refused.Outcome);
                Assert.Contains("för många flikar", refused.Detail, StringComparison.Ordinal);
            }

            var hub = portal.Services.GetRequiredService<HubConnectionsPerUser>();
            Assert.Equal(2, hub.OpenFor(await UserIdAsync(portal, "sekreterare.kunskap@sandviken.example")));

            // Another user is not affected by the secretary's circuits.
            var politician = await SignedInAsync(portal, "politiker@sandviken.example");
            var theirs = await BlazorHubClient.TryStartCircuitAsync(portal.Address, politician);
            Assert.Equal(Outcome.CircuitStarted, theirs.Outcome);
            open.Add(theirs.Connection!);

            // A closed connection gives its place back (the hub notices the close on its own time: asked until it has).
            await open[0].DisposeAsync();
            open.RemoveAt(0);
            var secretaryId = await UserIdAsync(portal, "sekreterare.kunskap@sandviken.example");
            for (var i = 0; i < 600 && hub.OpenFor(secretaryId) > 1; i++)
            {
                await Task.Delay(100);
            }

            var again = await BlazorHubClient.TryStartCircuitAsync(portal.Address, secretary);
            Assert.Equal(Outcome.CircuitStarted, again.Outcome);
            open.Add(again.Connection!);
        }
        finally
        {
            foreach (var connection in open)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static async Task<CookieContainer> SignedInAsync(KestrelPortal portal, string email)
    {
        var cookies = new CookieContainer();
        using var client = portal.ClientFrom(null, cookies);
        using var response = await client.SignInAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return cookies;
    }

    private static async Task<string> UserIdAsync(KestrelPortal portal, string email)
    {
        using var scope = portal.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Domain.Users.PortalUser>>();
        return (await users.FindByEmailAsync(email))!.Id;
    }
}
