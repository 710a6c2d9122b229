using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sandviken.Strategy.Domain.Areas;

internal sealed class MandatePeriodConfiguration : IEntityTypeConfiguration<MandatePeriod>
{
    public void Configure(EntityTypeBuilder<MandatePeriod> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(50).IsRequired();
        builder.Property(p => p.AreasDecidedBy).HasMaxLength(200).IsRequired();
        builder.HasIndex(p => new { p.MunicipalityId, p.StartYear }).IsUnique();
        builder.HasOne(p => p.Municipality).WithMany().HasForeignKey(p => p.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t => t.HasCheckConstraint("CK_MandatePeriods_Years", "EndYear >= StartYear"));
    }
}
