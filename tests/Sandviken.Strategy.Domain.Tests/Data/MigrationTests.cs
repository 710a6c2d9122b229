using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Tests.Infrastructure;

namespace Sandviken.Strategy.Domain.Tests.Data;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrating_an_empty_database_creates_every_table_of_the_model()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await using var db = database.CreateDbContext();

        var tables = await db.Database
            .SqlQueryRaw<string>(TestProvider.IsPostgreSql
                ? "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public'"
                : "SELECT name AS Value FROM sqlite_master WHERE type = 'table'")
            .ToListAsync();

        Assert.Empty(ModelTables(db).Except(tables));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    [Trait(TestProvider.Trait, TestProvider.SqliteOnly)]
    public async Task Migrating_a_sqlite_file_twice_changes_nothing_the_second_time()
    {
        var file = Path.Combine(Path.GetTempPath(), $"sandviken-migrate-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<StrategyDbContext>()
                .UseSqlite($"Data Source={file};Pooling=False", x => x.MigrationsAssembly(DatabaseRegistration.SqliteMigrationsAssembly))
                .Options;
            await using (var first = new StrategyDbContext(options))
            {
                await first.Database.MigrateAsync();
            }

            await using var second = new StrategyDbContext(options);
            Assert.Empty(await second.Database.GetPendingMigrationsAsync());
            await second.Database.MigrateAsync();
            Assert.Equal(second.Database.GetMigrations(), await second.Database.GetAppliedMigrationsAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Fact]
    [Trait(TestProvider.Trait, TestProvider.SqliteOnly)]
    public async Task Organisations_added_in_the_administration_before_AddedOn_existed_get_the_day_of_their_audit_entry()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var db = new StrategyDbContext(new DbContextOptionsBuilder<StrategyDbContext>()
            .UseSqlite(connection, x => x.MigrationsAssembly(DatabaseRegistration.SqliteMigrationsAssembly))
            .Options);
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        await migrator.MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_OrganisationAddedOn", StringComparison.Ordinal)) - 1]);
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO Municipalities (Id, Code, Name, VisionIsIncomplete) VALUES (1, '2181', 'Sandvikens kommun', 0);
            INSERT INTO Organisations (Id, MunicipalityId, Slug, Name, Kind, IsActive, IsDemo) VALUES
                (1, 1, 'seedad', 'Seedad nämnd', 'Committee', 1, 0),
                (2, 1, 'tillagd', 'Tillagd nämnd', 'Committee', 1, 0);
            INSERT INTO AuditEntries (AtUtc, User, Action, Entity, EntityId) VALUES
                ('2026-03-05 12:00:00', 'admin', 'Organisation.Add', 'Organisation', '2'),
                ('2026-06-01 12:00:00', 'admin', 'Organisation.Update', 'Organisation', '2'),
                ('2026-02-01 12:00:00', 'admin', 'Organisation.Update', 'Organisation', '1');
            """);

        await migrator.MigrateAsync();

        var added = await db.Organisations.OrderBy(o => o.Id).Select(o => o.AddedOn).ToListAsync();
        Assert.Equal([null, new DateOnly(2026, 3, 5)], added);
    }

    [Fact]
    public void Sqlite_model_has_no_changes_without_a_migration()
    {
        using var db = new StrategyDbContext(new DbContextOptionsBuilder<StrategyDbContext>()
            .UseSqlite("Data Source=:memory:", x => x.MigrationsAssembly(DatabaseRegistration.SqliteMigrationsAssembly))
            .Options);

        Assert.False(db.Database.HasPendingModelChanges(), "The SQLite model has changes without a migration.");
    }

    [Fact]
    public void PostgreSql_model_has_no_changes_without_a_migration()
    {
        using var db = new StrategyDbContext(new DbContextOptionsBuilder<StrategyDbContext>()
            .UseNpgsql(x => x.MigrationsAssembly(DatabaseRegistration.PostgreSqlMigrationsAssembly))
            .Options);

        Assert.False(db.Database.HasPendingModelChanges(), "The PostgreSQL model has changes without a migration.");
    }

    [Fact]
    public void PostgreSql_check_constraints_name_their_columns_quoted()
    {
        using var db = new StrategyDbContext(new DbContextOptionsBuilder<StrategyDbContext>()
            .UseNpgsql(x => x.MigrationsAssembly(DatabaseRegistration.PostgreSqlMigrationsAssembly))
            .Options);

        var checks = db.GetService<Microsoft.EntityFrameworkCore.Metadata.IDesignTimeModel>().Model.GetEntityTypes().SelectMany(e => e.GetCheckConstraints()).Select(c => c.Sql).ToList();

        Assert.Contains("\"EndYear\" >= \"StartYear\"", checks);
        Assert.Contains("\"FinalDeadline\" >= \"DraftDeadline\"", checks);
    }

    [Fact]
    public void SqlServer_model_has_no_changes_without_a_migration()
    {
        using var db = SqlServerContext();

        Assert.False(db.Database.HasPendingModelChanges(), "The SQL Server model has changes without a migration.");
    }

    [Fact]
    public void SqlServer_idempotent_script_parses_without_errors_and_creates_every_table()
    {
        using var db = SqlServerContext();
        var script = SqlServerScript(db);

        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(script);
        var fragment = parser.Parse(reader, out var errors);

        Assert.Empty(errors.Select(e => $"line {e.Line}: {e.Message}"));
        var visitor = new CreateTableCollector();
        fragment.Accept(visitor);
        Assert.Empty(ModelTables(db).Except(visitor.Tables));
        Assert.Contains("__EFMigrationsHistory", visitor.Tables);

        // Idempotent: every migration is guarded by a look-up in the history table.
        foreach (var migration in db.Database.GetMigrations())
        {
            Assert.Contains($"WHERE [MigrationId] = N'{migration}'", script, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SqlServer_data_changes_run_in_EXEC_and_parse_there_too()
    {
        using var db = SqlServerContext();
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(SqlServerScript(db));
        var visitor = new DataChangeCollector();
        parser.Parse(reader, out _).Accept(visitor);

        // The idempotent script runs a migration as one batch, compiled before its ALTER TABLE has added the columns
        // that a backfill names: a backfill outside EXEC fails there with "Invalid column name".
        Assert.Empty(visitor.BareUpdates);
        Assert.NotEmpty(visitor.Executed);
        foreach (var sql in visitor.Executed)
        {
            using var inner = new StringReader(sql);
            parser.Parse(inner, out var errors);
            Assert.Empty(errors.Select(e => $"{e.Message} in: {sql}"));
        }
    }

    /// <summary>
    /// The script the test command generates with dotnet ef (SANDVIKEN_SQLSERVER_SCRIPT); when the tests
    /// run on their own, the same idempotent script generated in process.
    /// </summary>
    private static string SqlServerScript(StrategyDbContext db)
    {
        var path = Environment.GetEnvironmentVariable("SANDVIKEN_SQLSERVER_SCRIPT");
        return string.IsNullOrEmpty(path)
            ? db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent)
            : File.ReadAllText(path);
    }

    private static StrategyDbContext SqlServerContext() => new(new DbContextOptionsBuilder<StrategyDbContext>()
        .UseSqlServer(x => x.MigrationsAssembly(DatabaseRegistration.SqlServerMigrationsAssembly))
        .Options);

    private static List<string> ModelTables(StrategyDbContext db) =>
        [.. db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct()];

    private sealed class DataChangeCollector : TSqlFragmentVisitor
    {
        public List<int> BareUpdates { get; } = [];

        public List<string> Executed { get; } = [];

        public override void Visit(UpdateStatement node) => BareUpdates.Add(node.StartLine);

        public override void Visit(ExecutableStringList node) =>
            Executed.Add(string.Concat(node.Strings.OfType<StringLiteral>().Select(s => s.Value)));
    }

    private sealed class CreateTableCollector : TSqlFragmentVisitor
    {
        public List<string> Tables { get; } = [];

        public override void Visit(CreateTableStatement node) => Tables.Add(node.SchemaObjectName.BaseIdentifier.Value);
    }
}
