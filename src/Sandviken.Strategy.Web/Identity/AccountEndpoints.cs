using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Sandviken.Strategy.Domain.Users;

namespace Sandviken.Strategy.Web.Identity;

internal static class AccountEndpoints
{
    /// <summary>
    /// Sign-out is a POST with an antiforgery token, checked here because the endpoint binds no form fields
    /// (a link or another site must not be able to sign a user out).
    /// </summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(IdentityRegistration.SignOutPath, async (HttpContext context, IAntiforgery antiforgery, SignInManager<PortalUser> signIn) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }

            await signIn.SignOutAsync();
            return Results.LocalRedirect("/");
        })
        .DisableAntiforgery();
}
