using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sandviken.Strategy.Domain.Validation;

namespace Sandviken.Strategy.Domain.Areas;

internal sealed class StrategicAreaConfiguration : IEntityTypeConfiguration<StrategicArea>
{
    public void Configure(EntityTypeBuilder<StrategicArea> builder)
    {
        builder.Property(a => a.Slug).HasMaxLength(100).IsRequired();
        builder.Property(a => a.Title).HasMaxLength(FieldLimits.AreaTitleMaxLength).IsRequired();
        builder.Property(a => a.Lead).HasMaxLength(FieldLimits.AreaLeadMaxLength).IsRequired();
        builder.Property(a => a.Body).HasMaxLength(FieldLimits.AreaBodyMaxLength).IsRequired();
        builder.HasIndex(a => new { a.MandatePeriodId, a.Slug }).IsUnique();
        builder.HasOne(a => a.MandatePeriod).WithMany(p => p.Areas).HasForeignKey(a => a.MandatePeriodId).OnDelete(DeleteBehavior.Restrict);
    }
}
