using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sandviken.Strategy.Domain.Validation;

namespace Sandviken.Strategy.Domain.Plans;

internal sealed class GoalConfiguration : IEntityTypeConfiguration<Goal>
{
    public void Configure(EntityTypeBuilder<Goal> builder)
    {
        builder.Property(g => g.Title).HasMaxLength(FieldLimits.GoalTitleMaxLength).IsRequired();
        builder.Property(g => g.Description).HasMaxLength(FieldLimits.GoalDescriptionMaxLength);
        builder.Property(g => g.ConcurrencyToken).IsConcurrencyToken();
        builder.Property(g => g.UpdatedByUserId).HasMaxLength(450);
        builder.HasOne(g => g.Plan).WithMany(p => p.Goals).HasForeignKey(g => g.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}
