using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sandviken.Strategy.Domain.Plans;

internal sealed class GoalAreaConfiguration : IEntityTypeConfiguration<GoalArea>
{
    public void Configure(EntityTypeBuilder<GoalArea> builder)
    {
        builder.HasKey(l => new { l.GoalId, l.StrategicAreaId });
        builder.HasOne(l => l.Goal).WithMany(g => g.Areas).HasForeignKey(l => l.GoalId).OnDelete(DeleteBehavior.Cascade);
        // An area with goals linked to it cannot be deleted: the links are part of decided history.
        builder.HasOne(l => l.StrategicArea).WithMany().HasForeignKey(l => l.StrategicAreaId).OnDelete(DeleteBehavior.Restrict);
    }
}
