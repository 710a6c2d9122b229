using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Domain.Users;

namespace Sandviken.Strategy.Web.Tests.Infrastructure;

/// <summary>An HTTP client that keeps cookies and posts the portal's forms with their antiforgery tokens.</summary>
public static partial class Browserless
{
    public const string DemoPassword = "Sandviken-demo-2026";

    public static HttpClient CreateCookieClient(this PortalFactory portal) =>
        portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Posts the sign-in form as a browser without JavaScript would.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password = DemoPassword)
    {
        var form = await client.GetStringAsync("/konto/logga-in");
        return await client.PostAsync("/konto/logga-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "logga-in",
            ["__RequestVerificationToken"] = TokenIn(form),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    /// <summary>The principal a signed-in browser of this account would carry, for calling the services directly.</summary>
    public static async Task<System.Security.Claims.ClaimsPrincipal> PrincipalOfAsync(IServiceScope scope, string email)
    {
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account {email}.");
        return await scope.ServiceProvider.GetRequiredService<SignInManager<PortalUser>>().CreateUserPrincipalAsync(user);
    }

    public static string TokenIn(string html) =>
        WebUtility.HtmlDecode(TokenRegex().Match(html) is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException("The page holds no antiforgery token."));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenRegex();
}
