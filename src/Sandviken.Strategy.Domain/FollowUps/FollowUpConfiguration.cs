using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sandviken.Strategy.Domain.Validation;

namespace Sandviken.Strategy.Domain.FollowUps;

internal sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> builder)
    {
        builder.Property(f => f.Point).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.Assessment).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.Comment).HasMaxLength(FieldLimits.FollowUpCommentMaxLength);
        builder.Property(f => f.RecordedBy).HasMaxLength(256).IsRequired();
        builder.HasIndex(f => new { f.GoalId, f.Point }).IsUnique();
        builder.HasOne(f => f.Goal).WithMany().HasForeignKey(f => f.GoalId).OnDelete(DeleteBehavior.Cascade);
    }
}
