using System.Net;
using Sandviken.Strategy.Domain.Access;
using Sandviken.Strategy.Domain.Documents;
using Sandviken.Strategy.Web.Hosting;

namespace Sandviken.Strategy.Web.Documents;

/// <summary>
/// The plan as a Word document (ADR 0034): a decided version for anyone, cached like the public pages; the working copy
/// for those who may read it in the workspace, never cached.
/// </summary>
internal static class PlanDocumentEndpoints
{
    public static string DecidedPath(string slug, int budgetYear, int number) =>
        FormattableString.Invariant($"/organisationer/{slug}/{budgetYear}/versioner/{number}.docx");

    public static string WorkingCopyPath(int planId) =>
        FormattableString.Invariant($"/arbetsyta/planer/{planId}/dokument.docx");

    public static void MapPlanDocuments(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/organisationer/{slug}/{year:int}/versioner/{number:int}.docx",
            async (string slug, int year, int number, PlanDocumentReader reader, CancellationToken ct) =>
            {
                var plan = await reader.ReadDecidedAsync(slug, year, number, ct);
                // An empty 404 is answered with the Swedish "Sidan hittades inte" page.
                return plan is null
                    ? Results.NotFound()
                    : Results.File(PlanDocumentWriter.Write(plan), PlanDocumentWriter.ContentType, PlanDocumentWriter.FileNameOf(plan));
            })
            .CachePublicly();

        // Signed-in users only, like the rest of /arbetsyta (anonymous visitors are sent to the sign-in page); which
        // plans a user may read is the workspace reader's decision, the same as for the plan's page.
        endpoints.MapGet("/arbetsyta/planer/{id:int}/dokument.docx",
            async (int id, HttpContext context, PlanDocumentReader reader, CancellationToken ct) =>
            {
                // A working copy is not public and changes with every edit: no cache, shared or private, may keep it.
                context.Response.Headers.CacheControl = "no-store";
                PlanDocument plan;
                try
                {
                    plan = await reader.ReadWorkingCopyAsync(context.User, id, ct);
                }
                catch (AccessDeniedException refused)
                {
                    return Results.Content(RefusalPage(refused.Message), "text/html; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
                }

                return Results.File(PlanDocumentWriter.Write(plan), PlanDocumentWriter.ContentType, PlanDocumentWriter.FileNameOf(plan));
            })
            .RequireAuthorization();
    }

    private static string RefusalPage(string message) => $$"""
        <!DOCTYPE html>
        <html lang="sv">
        <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1.0" />
        <title>Ingen behörighet – Sandvikens kommun</title>
        <style>body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1c1c1c;margin:0;line-height:1.5}main{max-width:40rem;margin:3rem auto;padding:0 1rem}a{color:#00527a}</style>
        </head>
        <body>
        <main>
        <h1>Ingen behörighet</h1>
        <p>{{WebUtility.HtmlEncode(message)}}</p>
        <p><a href="/arbetsyta">Till arbetsytan</a></p>
        </main>
        </body>
        </html>
        """;
}
