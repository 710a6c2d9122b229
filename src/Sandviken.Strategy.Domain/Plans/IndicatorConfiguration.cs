using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sandviken.Strategy.Domain.Plans;

internal sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> builder)
    {
        builder.Property(i => i.Name).HasMaxLength(300).IsRequired();
        builder.Property(i => i.Unit).HasMaxLength(100).IsRequired();
        builder.Property(i => i.Direction).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.BaselineValue).HasPrecision(18, 4);
        builder.Property(i => i.TargetValue).HasPrecision(18, 4);
        builder.Property(i => i.KoladaKpiId).HasMaxLength(20);
        builder.HasOne(i => i.Goal).WithMany(g => g.Indicators).HasForeignKey(i => i.GoalId).OnDelete(DeleteBehavior.Cascade);
    }
}
