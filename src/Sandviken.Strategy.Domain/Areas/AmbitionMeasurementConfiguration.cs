using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sandviken.Strategy.Domain.Areas;

internal sealed class AmbitionMeasurementConfiguration : IEntityTypeConfiguration<AmbitionMeasurement>
{
    public void Configure(EntityTypeBuilder<AmbitionMeasurement> builder)
    {
        builder.Property(m => m.Period).HasMaxLength(20).IsRequired();
        builder.Property(m => m.Value).HasPrecision(18, 4);
        builder.Property(m => m.Source).HasMaxLength(200).IsRequired();
        builder.HasIndex(m => new { m.AreaAmbitionId, m.Period, m.Source }).IsUnique();
        builder.HasOne(m => m.AreaAmbition).WithMany().HasForeignKey(m => m.AreaAmbitionId).OnDelete(DeleteBehavior.Cascade);
    }
}
