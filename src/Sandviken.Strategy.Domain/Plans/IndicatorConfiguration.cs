using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sandviken.Strategy.Domain.Validation;

namespace Sandviken.Strategy.Domain.Plans;

internal sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> builder)
    {
        builder.Property(i => i.Name).HasMaxLength(FieldLimits.IndicatorNameMaxLength).IsRequired();
        builder.Property(i => i.Unit).HasMaxLength(FieldLimits.IndicatorUnitMaxLength).IsRequired();
        builder.Property(i => i.Direction).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.BaselineValue).HasPrecision(FieldLimits.NumberPrecision, FieldLimits.NumberScale);
        builder.Property(i => i.TargetValue).HasPrecision(FieldLimits.NumberPrecision, FieldLimits.NumberScale);
        builder.Property(i => i.KoladaKpiId).HasMaxLength(20);
        builder.HasOne(i => i.Goal).WithMany(g => g.Indicators).HasForeignKey(i => i.GoalId).OnDelete(DeleteBehavior.Cascade);
    }
}
