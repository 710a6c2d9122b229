using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sandviken.Strategy.Domain.Validation;

namespace Sandviken.Strategy.Domain.Areas;

internal sealed class AreaAmbitionConfiguration : IEntityTypeConfiguration<AreaAmbition>
{
    public void Configure(EntityTypeBuilder<AreaAmbition> builder)
    {
        builder.Property(a => a.Text).HasMaxLength(500).IsRequired();
        builder.Property(a => a.TargetValue).HasPrecision(FieldLimits.NumberPrecision, FieldLimits.NumberScale);
        builder.Property(a => a.Unit).HasMaxLength(100);
        builder.Property(a => a.KoladaKpiId).HasMaxLength(20);
        builder.HasOne(a => a.StrategicArea).WithMany(s => s.Ambitions).HasForeignKey(a => a.StrategicAreaId).OnDelete(DeleteBehavior.Cascade);
    }
}
