using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Account;

/// <summary>Which ways in the sign-in page offers, and that a switched-off one is refused on the server (ADR 0040).</summary>
public sealed class SignInMethodsTests
{
    [Fact]
    public async Task Without_a_configured_provider_the_page_offers_no_provider_and_its_start_address_is_not_found()
    {
        await using var portal = new PortalFactory();
        using var client = portal.CreateCookieClient();

        var page = await client.GetPageAsync("/konto/logga-in");
        using var start = await client.GetAsync("/konto/logga-in/extern");

        Assert.DoesNotContain("Logga in med", page, StringComparison.Ordinal);
        Assert.Contains("id=\"password\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, start.StatusCode);
    }

    [Fact]
    public async Task Local_sign_in_switched_off_shows_no_password_form_and_a_posted_password_gets_no_session()
    {
        await using var portal = new PortalFactory();
        portal.Settings["Authentication:LocalAccounts:Enabled"] = "false";
        using var client = portal.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

        var page = await client.GetPageAsync("/konto/logga-in");
        Assert.DoesNotContain("id=\"password\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain(Browserless.DemoPassword, page, StringComparison.Ordinal);
        HtmlAssert.ContainsText("Inloggning är inte möjlig just nu.", page);

        // The form as a browser of the old page would post it, with valid antiforgery tokens and the right password.
        var antiforgery = portal.Services.GetRequiredService<IAntiforgery>();
        var tokens = antiforgery.GetAndStoreTokens(new DefaultHttpContext { RequestServices = portal.Services });
        var cookieName = portal.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.Name;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/konto/logga-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "logga-in",
                [tokens.FormFieldName] = tokens.RequestToken!,
                ["Input.Email"] = "admin@sandviken.example",
                ["Input.Password"] = Browserless.DemoPassword,
            }),
        };
        post.Headers.Add("Cookie", $"{cookieName}={tokens.CookieToken}");
        using var response = await client.SendAsync(post);

        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("sandviken.auth", StringComparison.Ordinal)),
            "A session cookie was issued although local accounts are switched off.");
    }

    [Fact]
    public async Task A_provider_switched_on_without_a_client_id_stops_the_portal_at_start()
    {
        await using var portal = new PortalFactory();
        portal.Settings["Authentication:Oidc:Enabled"] = "true";
        portal.Settings["Authentication:Oidc:Authority"] = "https://login.example/tenant/v2.0";

        var failure = Assert.ThrowsAny<Exception>(() => portal.CreateClient());

        Assert.Contains("Authentication:Oidc", failure.ToString(), StringComparison.Ordinal);
    }
}
