using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Domain.Data;

namespace Sandviken.Strategy.Web.Tests.Infrastructure;

/// <summary>
/// The portal with every SQL command counted, on the demo data or on <see cref="Copies"/> times the demo organisations
/// (each copied with its plans, goals, decisions, follow-ups and values under a new slug and name).
/// </summary>
public sealed class CountingPortalFactory : PortalFactory
{
    public SqlCommandCounter Counter { get; } = new();

    /// <summary>How many times the demo organisations are there: 1 is the demo data as it is.</summary>
    public int Copies { get; init; } = 1;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // The cold path: every request is rendered from the database, never answered by the output cache.
        Settings["PublicCache:Enabled"] = "false";
        if (Copies > 1)
        {
            Directory.CreateDirectory(DataFolder);
            var file = Path.Combine(DataFolder, $"demo-x{Copies}.json");
            File.WriteAllText(file, Multiply(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Seed", "demo.json")), Copies));
            Settings["Seed:DemoFile"] = file;
        }

        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.ConfigureDbContext<StrategyDbContext>(options => options.AddInterceptors(Counter)));
    }

    /// <summary>The demo file with its organisations <paramref name="copies"/> times: copy n gets "-n" on its slug (and its parent's) and " n" on its name.</summary>
    public static string Multiply(string demoJson, int copies)
    {
        var demo = JsonNode.Parse(demoJson)!.AsObject();
        var originals = demo["organisations"]!.AsArray();
        var all = new JsonArray();
        for (var copy = 1; copy <= copies; copy++)
        {
            foreach (var original in originals)
            {
                var organisation = original!.DeepClone().AsObject();
                if (copy > 1)
                {
                    organisation["slug"] = $"{organisation["slug"]}-{copy}";
                    organisation["name"] = $"{organisation["name"]} {copy}";
                    if (organisation["parent"] is JsonValue parent)
                    {
                        organisation["parent"] = $"{parent}-{copy}";
                    }
                }

                all.Add(organisation);
            }
        }

        demo["organisations"] = all;
        return demo.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }
}
