using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sandviken.Strategy.Domain.Validation;

namespace Sandviken.Strategy.Domain.Areas;

internal sealed class AmbitionMeasurementConfiguration : IEntityTypeConfiguration<AmbitionMeasurement>
{
    public void Configure(EntityTypeBuilder<AmbitionMeasurement> builder)
    {
        builder.Property(m => m.Period).HasMaxLength(20).IsRequired();
        builder.Property(m => m.Value).HasPrecision(FieldLimits.NumberPrecision, FieldLimits.NumberScale);
        builder.Property(m => m.Source).HasMaxLength(200).IsRequired();
        builder.HasIndex(m => new { m.AreaAmbitionId, m.Period, m.Source }).IsUnique();
        builder.HasOne(m => m.AreaAmbition).WithMany().HasForeignKey(m => m.AreaAmbitionId).OnDelete(DeleteBehavior.Cascade);
    }
}
