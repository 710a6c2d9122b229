using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sandviken.Strategy.Domain.Plans;

internal sealed class GoalConfiguration : IEntityTypeConfiguration<Goal>
{
    public void Configure(EntityTypeBuilder<Goal> builder)
    {
        builder.Property(g => g.Title).HasMaxLength(300).IsRequired();
        builder.Property(g => g.Description).HasMaxLength(4000);
        builder.Property(g => g.ConcurrencyToken).IsConcurrencyToken();
        builder.HasOne(g => g.Plan).WithMany(p => p.Goals).HasForeignKey(g => g.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}
