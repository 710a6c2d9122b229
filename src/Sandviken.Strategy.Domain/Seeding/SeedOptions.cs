using Microsoft.Extensions.Configuration;

namespace Sandviken.Strategy.Domain.Seeding;

/// <summary>The "Seed" configuration section: which files to load at start. Relative paths are resolved against the content root.</summary>
public sealed class SeedOptions
{
    public const string SectionName = "Seed";

    public string MunicipalityFile { get; set; } = "Seed/sandviken.json";

    public string DemoFile { get; set; } = "Seed/demo.json";

    /// <summary>Load the demonstration organisations and plans. Every page then shows "Exempeldata".</summary>
    public bool IncludeDemoData { get; set; } = true;

    public static SeedOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        var options = new SeedOptions();
        if (section["MunicipalityFile"] is { Length: > 0 } municipalityFile)
        {
            options.MunicipalityFile = municipalityFile;
        }

        if (section["DemoFile"] is { Length: > 0 } demoFile)
        {
            options.DemoFile = demoFile;
        }

        if (section["IncludeDemoData"] is { Length: > 0 } includeDemo)
        {
            options.IncludeDemoData = bool.TryParse(includeDemo, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"Seed:IncludeDemoData must be true or false, not '{includeDemo}'.");
        }

        return options;
    }
}
