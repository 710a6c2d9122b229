using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Http;

namespace Sandviken.Strategy.Web.Tests.Hosting;

/// <summary>Guards the split between static public pages and the interactive workspace (DESIGN.md §8).</summary>
public sealed class RenderModeTests
{
    private static readonly string[] InteractiveAreas = ["/arbetsyta", "/admin"];

    [Fact]
    public void Every_routable_page_outside_the_workspace_and_admin_is_excluded_from_interactive_routing()
    {
        var pages = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .Select(t => (Type: t, Routes: t.GetCustomAttributes<RouteAttribute>().Select(r => r.Template).ToList()))
            .Where(p => p.Routes.Count > 0)
            .ToList();

        Assert.NotEmpty(pages);
        var publicPages = pages.Where(p => !p.Routes.Any(r => InteractiveAreas.Any(a => r.StartsWith(a, StringComparison.OrdinalIgnoreCase))));
        Assert.All(publicPages, p => Assert.True(
            p.Type.GetCustomAttribute<ExcludeFromInteractiveRoutingAttribute>() is not null,
            $"{p.Type.Name} ({string.Join(", ", p.Routes)}) would start an interactive circuit for readers."));
    }
}
