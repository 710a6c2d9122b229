using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Areas;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Kolada;
using Sandviken.Strategy.Domain.Plans;

namespace Sandviken.Strategy.Domain.Tests.Kolada;

/// <summary>The one method that stores a Kolada value, for an indicator and an ambition alike.</summary>
public sealed class KoladaUpsertTests
{
    private static readonly DateTime Earlier = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Now = new(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_new_value_is_added_for_that_indicator_and_period_only()
    {
        using var db = Context();
        List<Measurement> stored = [Indicator(1, "2024", 10m), Indicator(2, "2025", 10m)];

        var outcome = KoladaImporter.Upsert(db.Measurements, stored, 1, "2025", 12.5m, Now, () => new Measurement { IndicatorId = 1, Period = "2025", Source = "Kolada" });

        Assert.Equal(KoladaImporter.Upserted.Added, outcome);
        var added = Assert.Single(db.ChangeTracker.Entries<Measurement>()).Entity;
        Assert.Equal((1, "2025", 12.5m, "Kolada", Now), (added.IndicatorId, added.Period, added.Value, added.Source, added.FetchedAtUtc));
        Assert.All(stored, m => Assert.Equal((10m, Earlier), (m.Value, m.FetchedAtUtc)));
    }

    [Fact]
    public void A_stored_value_is_updated_in_place_and_counts_only_when_it_changed()
    {
        using var db = Context();
        List<AmbitionMeasurement> stored = [Ambition(3, "2024", 39300m), Ambition(3, "2023", 39000m)];

        var changed = KoladaImporter.Upsert(db.AmbitionMeasurements, stored, 3, "2024", 39500m, Now, () => throw new InvalidOperationException("Not new."));
        var unchanged = KoladaImporter.Upsert(db.AmbitionMeasurements, stored, 3, "2023", 39000m, Now, () => throw new InvalidOperationException("Not new."));

        Assert.Equal((KoladaImporter.Upserted.Updated, KoladaImporter.Upserted.Unchanged), (changed, unchanged));
        Assert.Equal([(39500m, Now), (39000m, Now)], stored.Select(m => (m.Value, m.FetchedAtUtc)));
        Assert.Empty(db.ChangeTracker.Entries());
    }

    private static Measurement Indicator(int id, string period, decimal value) =>
        new() { IndicatorId = id, Period = period, Value = value, Source = "Kolada", FetchedAtUtc = Earlier };

    private static AmbitionMeasurement Ambition(int id, string period, decimal value) =>
        new() { AreaAmbitionId = id, Period = period, Value = value, Source = "Kolada", FetchedAtUtc = Earlier };

    private static StrategyDbContext Context() => new(new DbContextOptionsBuilder<StrategyDbContext>()
        .UseSqlite("Data Source=:memory:", x => x.MigrationsAssembly(DatabaseRegistration.SqliteMigrationsAssembly))
        .Options);
}
