using System.Globalization;
using Sandviken.Strategy.Domain;
using Sandviken.Strategy.Web;
using Sandviken.Strategy.Web.Api;
using Sandviken.Strategy.Web.Components;
using Sandviken.Strategy.Web.Documents;
using Sandviken.Strategy.Web.Feeds;
using Sandviken.Strategy.Web.Hosting;
using Sandviken.Strategy.Web.Identity;
using Sandviken.Strategy.Web.Localization;
using Sandviken.Strategy.Web.OpenData;
using Serilog;

// Swedish formatting everywhere (numbers otherwise come out as 1,037.50).
CultureInfo.DefaultThreadCurrentCulture = Swedish.Culture;
CultureInfo.DefaultThreadCurrentUICulture = Swedish.Culture;

// "backup <file>": an online copy of the SQLite database, then exit (ADR 0033, docs/security.md).
var backupTarget = args is ["backup", var target, ..] ? target : null;
var builder = WebApplication.CreateBuilder(backupTarget is null ? args : args[2..]);

// Serilog from configuration. Each host keeps its own logger (preserveStaticLogger: the static Log.Logger
// is left alone), so that several hosts in one test process do not write to each other's sinks.
builder.Services.AddSerilog(
    (services, logger) => logger
        .ReadFrom.Configuration(builder.Configuration)
        .ReadFrom.Services(services)
        .Enrich.FromLogContext(),
    preserveStaticLogger: true);

// Circuits for signed-in users only, a few per user, and few kept after a lost connection (ADR 0030).
builder.Services.AddRazorComponents().AddInteractiveServerComponents().AddPortalCircuitLimits();
// MudBlazor with its own texts (validation messages, button labels) in Swedish.
builder.Services.AddMudServicesInSwedish();
builder.Services.AddStrategyPortal(builder.Environment.ContentRootPath);
builder.Services.AddHttpHardening();
builder.Services.AddPublicPageCache(builder.Configuration);
builder.Services.AddPortalRateLimits();
builder.Services.AddOpenDataCors();
builder.Services.AddOpenDataApi();

var app = builder.Build();

if (backupTarget is not null)
{
    return await app.Services.BackupDatabaseAsync(backupTarget, Console.Out);
}

// Demo data brings demo accounts whose password is public: a production host must say explicitly that it wants them.
if (app.Environment.IsProduction() && builder.Configuration.GetValue("Seed:IncludeDemoData", true)
    && !builder.Configuration.GetValue("Seed:AllowDemoDataInProduction", false))
{
    throw new InvalidOperationException(
        "Demo data (with demo accounts whose password is public) is on in Production. Set Seed:IncludeDemoData=false, " +
        "or Seed:AllowDemoDataInProduction=true for a public demonstration.");
}

if (!app.Environment.IsDevelopment() && Sandviken.Strategy.Web.Components.Pages.Public.AccessibilityContact.From(app.Configuration).IsEmpty)
{
    app.Logger.LogWarning("The accessibility statement (/tillganglighet) gives no contact: set Accessibility:ContactEmail, ContactPhone or ContactUrl");
}

await app.Services.InitialiseDatabaseAsync(app.Environment.ContentRootPath);

app.UseHttpHardening();
app.UseHeadAsGet();
// A database locked beyond the busy timeout is 503 with a Swedish "try again" page, not 500 (ADR 0033).
app.UseExceptionHandler(new ExceptionHandlerOptions
{
    ExceptionHandlingPath = "/fel",
    CreateScopeForErrors = true,
    StatusCodeSelector = e => Sandviken.Strategy.Domain.Data.DatabaseBusy.IsBusy(e)
        ? StatusCodes.Status503ServiceUnavailable
        : StatusCodes.Status500InternalServerError,
});
app.UseStatusCodePagesWithReExecute("/hittades-inte", createScopeForStatusCodePages: true);
// The host's own logger: without it the middleware would write to the static Log.Logger.
// Each request's entry names the client (after a trusted proxy's X-Forwarded-For).
app.UseSerilogRequestLogging(options =>
{
    options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
    options.EnrichDiagnosticContext = (diagnostics, context) => diagnostics.Set(ClientAddress.Property, ClientAddress.Of(context));
});
app.UseRequestLocalization(new RequestLocalizationOptions()
    .SetDefaultCulture(Swedish.Culture.Name)
    .AddSupportedCultures(Swedish.Culture.Name)
    .AddSupportedUICultures(Swedish.Culture.Name));
// Before the cache, so that a cached open-data answer still carries its CORS headers.
app.UseCors();
app.UseAuthentication();
// 429 over a budget (sign-in per address and per account, the hub's negotiate, pages), then the hub for signed-in users only.
app.UsePortalRateLimits();
app.UseSignedInCircuitsOnly();
app.UseAuthorization();
app.UsePublicPageCache();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapHealthChecks("/health", HealthEndpoint.Options);
app.MapDecisionStatusCsv();
app.MapPlanDocuments();
app.MapFeeds();
// Sign-in at the municipality's identity provider, when configured (ADR 0040).
Sandviken.Strategy.Web.Identity.Oidc.OidcRegistration.MapPortalOidc(app);
// /api/v1, /openapi/v1.json (ADR 0035).
app.MapOpenDataApi();
// HttpHardening sends frame-ancestors 'none' on every answer; Blazor's own 'self' would contradict it.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null);

await app.RunAsync();
return 0;

/// <summary>Entry point, public for WebApplicationFactory in the tests.</summary>
public partial class Program;
