using Sandviken.Strategy.Domain.Seeding;

namespace Sandviken.Strategy.Domain.Tests.Infrastructure;

/// <summary>The seed files shipped in the repository (src/Sandviken.Strategy.Web/Seed).</summary>
public static class SeedFiles
{
    public static string Folder { get; } = Path.Combine(RepositoryRoot(), "src", "Sandviken.Strategy.Web", "Seed");

    public static MunicipalitySeed Municipality() => SeedLoader.ReadMunicipalityFile(Path.Combine(Folder, "sandviken.json"));

    public static DemoSeed Demo() => SeedLoader.ReadDemoFile(Path.Combine(Folder, "demo.json"));

    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Sandviken.Strategy.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Sandviken.Strategy.sln was not found above " + AppContext.BaseDirectory);
    }
}
