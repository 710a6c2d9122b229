using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sandviken.Strategy.Domain.Validation;

namespace Sandviken.Strategy.Domain.Decisions;

internal sealed class DecisionConfiguration : IEntityTypeConfiguration<Decision>
{
    public void Configure(EntityTypeBuilder<Decision> builder)
    {
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.DecidedBy).HasMaxLength(FieldLimits.DecidedByMaxLength).IsRequired();
        builder.Property(d => d.Reference).HasMaxLength(FieldLimits.DecisionReferenceMaxLength).IsRequired();
        builder.Property(d => d.RecordedBy).HasMaxLength(256).IsRequired();
        builder.HasIndex(d => d.PlanVersionId).IsUnique();
        // Restrict everywhere: decided history is never deleted (and SQL Server forbids two cascade paths).
        builder.HasOne(d => d.Plan).WithMany(p => p.Decisions).HasForeignKey(d => d.PlanId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(d => d.PlanVersion).WithMany().HasForeignKey(d => d.PlanVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}
