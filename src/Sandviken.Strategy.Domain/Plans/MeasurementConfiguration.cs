using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sandviken.Strategy.Domain.Validation;

namespace Sandviken.Strategy.Domain.Plans;

internal sealed class MeasurementConfiguration : IEntityTypeConfiguration<Measurement>
{
    public void Configure(EntityTypeBuilder<Measurement> builder)
    {
        builder.Property(m => m.Period).HasMaxLength(20).IsRequired();
        builder.Property(m => m.Value).HasPrecision(FieldLimits.NumberPrecision, FieldLimits.NumberScale);
        builder.Property(m => m.Source).HasMaxLength(200).IsRequired();
        builder.HasIndex(m => new { m.IndicatorId, m.Period, m.Source }).IsUnique();
        builder.HasOne(m => m.Indicator).WithMany(i => i.Measurements).HasForeignKey(m => m.IndicatorId).OnDelete(DeleteBehavior.Cascade);
    }
}
