using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Web.Components.Forms;
using Sandviken.Strategy.Web.Localization;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Admin;

/// <summary>
/// The administration pages rendered with bUnit against the real services and a real seeded SQLite database,
/// signed in as the demo administrator. The sign-in can be held, so that a change is caught on its way.
/// </summary>
public sealed class AdminPageContext : IAsyncDisposable
{
    private readonly PortalFactory portal = new();
    private AsyncServiceScope scope;

    private AdminPageContext()
    {
    }

    public BunitContext Bunit { get; } = new();

    public ClaimsPrincipal Admin { get; private set; } = new();

    /// <summary>What the pages' FormRunner reads the user from.</summary>
    public HeldAuthentication Authentication { get; private set; } = default!;

    /// <param name="services">Replaces portal services for the pages (for example e-mail), before the first render.</param>
    public static async Task<AdminPageContext> StartAsync(Action<AdminPageContext, IServiceCollection>? services = null)
    {
        var context = new AdminPageContext();
        await context.InitializeAsync(services);
        return context;
    }

    public T Service<T>()
        where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await Bunit.DisposeAsync();
        await scope.DisposeAsync();
        await portal.DisposeAsync();
    }

    private async Task InitializeAsync(Action<AdminPageContext, IServiceCollection>? services)
    {
        scope = portal.Services.CreateAsyncScope();
        await using (var db = await Service<IDbContextFactory<StrategyDbContext>>().CreateDbContextAsync())
        {
            var adminId = await db.Users.Where(u => u.Email == "admin@sandviken.example").Select(u => u.Id).SingleAsync();
            Admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, adminId), new Claim(ClaimTypes.Name, "admin@sandviken.example")], "Test"));
        }

        Authentication = new HeldAuthentication(Admin);
        Bunit.Services.AddMudServicesInSwedish();
        Bunit.Services.AddLogging();
        Bunit.Services.AddTransient<FormRunner>();
        Bunit.Services.AddSingleton<AuthenticationStateProvider>(Authentication);
        Bunit.Services.AddSingleton<TimeProvider>(portal.Clock);
        Bunit.Services.AddFallbackServiceProvider(scope.ServiceProvider);
        services?.Invoke(this, Bunit.Services);
        Bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        // As in the portal: interactive server rendering (focus moves only when interactive).
        Bunit.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }
}

/// <summary>The signed-in administrator; <see cref="Hold"/> keeps the next changes waiting until <see cref="Release"/>.</summary>
public sealed class HeldAuthentication(ClaimsPrincipal user) : AuthenticationStateProvider
{
    private TaskCompletionSource? held;

    public void Hold() => held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release()
    {
        held?.SetResult();
        held = null;
    }

    public override async Task<AuthenticationState> GetAuthenticationStateAsync()
    {
        if (held is { } waiting)
        {
            await waiting.Task;
        }

        return new AuthenticationState(user);
    }
}
