using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sandviken.Strategy.Domain.Access;
using Sandviken.Strategy.Domain.Administration;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Domain.Seeding;
using Sandviken.Strategy.Domain.Users;

// The writer that the crash-safety test kills with SIGKILL (ADR 0033, docs/security.md). It composes the database as
// the portal does (AddStrategyDatabase: the same connection string, busy timeout and WAL) and writes through the
// portal's own domain service, as an administrator adding organisations in the admin pages does.
//
//   prepare <db file>               migrates, switches to WAL, loads the municipality, adds an administrator; prints its id
//   write <db file> <admin id> <tag> adds organisations "<tag> 1", "<tag> 2", ... until killed; after each commit
//                                    prints "ack <organisation id>;" (a line is printed only once the write is committed)
if (args is not [var command, var file, ..])
{
    Console.Error.WriteLine("Usage: prepare <db file> | write <db file> <admin id> <tag>");
    return 2;
}

var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Database:Provider"] = "Sqlite",
    ["ConnectionStrings:Sqlite"] = $"Data Source={Path.GetFullPath(file)}",
}).Build();
var services = new ServiceCollection()
    .AddSingleton<IConfiguration>(configuration)
    .AddSingleton(TimeProvider.System)
    .AddSingleton<ILogger<ActorLoader>>(NullLogger<ActorLoader>.Instance)
    .AddSingleton<ActorLoader>()
    .AddSingleton<OrganisationAdminService>()
    .AddStrategyDatabase(AppContext.BaseDirectory)
    .BuildServiceProvider();
var dbFactory = services.GetRequiredService<IDbContextFactory<StrategyDbContext>>();

switch (args)
{
    case ["prepare", _]:
    {
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
            await db.Database.OpenConnectionAsync();
            await SqliteDatabase.UseWriteAheadLogAsync((Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection());
        }

        var seed = SeedLoader.ReadMunicipalityFile(Path.Combine(AppContext.BaseDirectory, "Seed", "sandviken.json"));
        await new SeedLoader(dbFactory, TimeProvider.System).LoadAsync(seed, null);

        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var admin = new PortalUser
            {
                UserName = "admin@krasch.example",
                NormalizedUserName = "ADMIN@KRASCH.EXAMPLE",
                Email = "admin@krasch.example",
                DisplayName = "Krascha Admin",
            };
            var role = new IdentityRole(Roles.Administrator) { NormalizedName = Roles.Administrator.ToUpperInvariant() };
            db.Users.Add(admin);
            db.Roles.Add(role);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = admin.Id, RoleId = role.Id });
            await db.SaveChangesAsync();
            Console.WriteLine(admin.Id);
        }

        return 0;
    }

    case ["write", _, var adminId, var tag]:
    {
        var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, adminId)], "CrashWriter"));
        var organisations = services.GetRequiredService<OrganisationAdminService>();
        using var output = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
        for (var n = 1; ; n++)
        {
            var id = await organisations.AddAsync(admin, new OrganisationInput(
                string.Create(CultureInfo.InvariantCulture, $"{tag} {n}"), OrganisationKind.Committee, null, true));
            output.Write(string.Create(CultureInfo.InvariantCulture, $"ack {id};\n"));
        }
    }

    default:
        Console.Error.WriteLine($"Unknown command '{command}'.");
        return 2;
}
