using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sandviken.Strategy.Domain.Areas;

internal sealed class StrategicAreaConfiguration : IEntityTypeConfiguration<StrategicArea>
{
    public void Configure(EntityTypeBuilder<StrategicArea> builder)
    {
        builder.Property(a => a.Slug).HasMaxLength(100).IsRequired();
        builder.Property(a => a.Title).HasMaxLength(200).IsRequired();
        builder.Property(a => a.Lead).HasMaxLength(4000).IsRequired();
        builder.Property(a => a.Body).HasMaxLength(8000).IsRequired();
        builder.HasIndex(a => new { a.MandatePeriodId, a.Slug }).IsUnique();
        builder.HasOne(a => a.MandatePeriod).WithMany(p => p.Areas).HasForeignKey(a => a.MandatePeriodId).OnDelete(DeleteBehavior.Restrict);
    }
}
