using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Areas;
using Sandviken.Strategy.Domain.Auditing;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Municipalities;
using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Domain.Planning;
using Sandviken.Strategy.Domain.Plans;
using Sandviken.Strategy.Domain.Users;

namespace Sandviken.Strategy.Domain.Data;

/// <summary>
/// The portal's database. Migrations live in one assembly per provider:
/// dotnet ef migrations add NAME --project src/Sandviken.Strategy.Migrations.Sqlite --startup-project src/Sandviken.Strategy.Web -- --Database:Provider=Sqlite
/// dotnet ef migrations add NAME --project src/Sandviken.Strategy.Migrations.SqlServer --startup-project src/Sandviken.Strategy.Web -- --Database:Provider=SqlServer
/// dotnet ef migrations add NAME --project src/Sandviken.Strategy.Migrations.PostgreSql --startup-project src/Sandviken.Strategy.Web -- --Database:Provider=PostgreSql
/// </summary>
public class StrategyDbContext(DbContextOptions<StrategyDbContext> options)
    : IdentityDbContext<PortalUser>(options), IDataProtectionKeyContext
{
    public DbSet<Municipality> Municipalities => Set<Municipality>();

    public DbSet<MandatePeriod> MandatePeriods => Set<MandatePeriod>();

    public DbSet<StrategicArea> StrategicAreas => Set<StrategicArea>();

    public DbSet<AreaAmbition> AreaAmbitions => Set<AreaAmbition>();

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<PlanningCycle> PlanningCycles => Set<PlanningCycle>();

    public DbSet<Plan> Plans => Set<Plan>();

    public DbSet<Goal> Goals => Set<Goal>();

    public DbSet<GoalArea> GoalAreas => Set<GoalArea>();

    public DbSet<Indicator> Indicators => Set<Indicator>();

    public DbSet<Measurement> Measurements => Set<Measurement>();

    public DbSet<Decision> Decisions => Set<Decision>();

    public DbSet<PlanVersion> PlanVersions => Set<PlanVersion>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<OrganisationMembership> OrganisationMemberships => Set<OrganisationMembership>();

    public DbSet<FollowUps.FollowUp> FollowUps => Set<FollowUps.FollowUp>();

    public DbSet<AmbitionMeasurement> AmbitionMeasurements => Set<AmbitionMeasurement>();

    /// <summary>The Data Protection key ring, shared by every instance: cookies and antiforgery tokens work on all (ADR 0038).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Lease> Leases => Set<Lease>();

    /// <summary>Reminders by e-mail that were claimed or sent, one row per organisation, deadline and kind (ADR 0041).</summary>
    public DbSet<Reminders.ReminderLogEntry> ReminderLog => Set<Reminders.ReminderLogEntry>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseChangesToWriteOnceRecords();
        WellFormedText.RefuseIllFormedText(ChangeTracker);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseChangesToWriteOnceRecords();
        WellFormedText.RefuseIllFormedText(ChangeTracker);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(StrategyDbContext).Assembly);

        // Every row a form edits: each UPDATE checks the token the change was based on (ADR 0032).
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => typeof(IHasConcurrencyToken).IsAssignableFrom(e.ClrType)))
        {
            builder.Entity(entity.ClrType).Property(nameof(IHasConcurrencyToken.ConcurrencyToken)).IsConcurrencyToken();
        }

        if (Database.IsNpgsql())
        {
            QuoteCheckConstraintColumns(builder);
        }
    }

    /// <summary>
    /// Check constraints name columns bare ("EndYear >= StartYear"), which SQLite and SQL Server match without regard to
    /// case; PostgreSQL folds a bare name to lower case and finds no such column, so there each column is quoted (ADR 0037).
    /// </summary>
    private static void QuoteCheckConstraintColumns(ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            var columns = entity.GetProperties().Select(p => p.GetColumnName()).OrderByDescending(c => c.Length).ToList();
            foreach (var check in entity.GetCheckConstraints().ToList())
            {
                var quoted = System.Text.RegularExpressions.Regex.Replace(
                    check.Sql,
                    @"(?<![""\w])(" + string.Join('|', columns.Select(System.Text.RegularExpressions.Regex.Escape)) + @")(?![""\w])",
                    "\"$1\"",
                    System.Text.RegularExpressions.RegexOptions.None,
                    TimeSpan.FromSeconds(1));
                entity.RemoveCheckConstraint(check.ModelName);
                entity.AddCheckConstraint(check.ModelName, quoted);
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();

    // Decided material is never overwritten: the guard sits here so that no service can forget it.
    private void RefuseChangesToWriteOnceRecords()
    {
        var changed = ChangeTracker.Entries()
            .FirstOrDefault(e => e.Entity is IWriteOnce && e.State is EntityState.Modified or EntityState.Deleted);
        if (changed is not null)
        {
            throw new WriteOnceViolationException(changed.Entity.GetType().Name);
        }
    }
}

public sealed class WriteOnceViolationException(string entityName)
    : InvalidOperationException($"{entityName} is written once and can never be changed or deleted.");
