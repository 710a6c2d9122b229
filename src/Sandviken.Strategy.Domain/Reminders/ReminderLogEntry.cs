using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sandviken.Strategy.Domain.Decisions;

namespace Sandviken.Strategy.Domain.Reminders;

/// <summary>
/// The send log: one row per organisation, deadline and kind of message, claimed before the message goes out. The unique
/// <see cref="Key"/> is what makes each message go once, after a restart and with several instances alike (ADR 0041).
/// </summary>
public class ReminderLogEntry
{
    public int Id { get; set; }

    /// <summary>"{budget year}:{Draft|Final}:{organisation id}:{before-N|overdue}".</summary>
    public required string Key { get; set; }

    public int OrganisationId { get; set; }

    public int BudgetYear { get; set; }

    public DecisionKind Decision { get; set; }

    /// <summary>"before-14", "before-3" or "overdue".</summary>
    public required string Kind { get; set; }

    /// <summary>The addresses the message went to, comma-separated (personal data: see docs/privacy.md).</summary>
    public string Recipients { get; set; } = "";

    public DateTime ClaimedAtUtc { get; set; }

    /// <summary>Null until the SMTP server accepted the message; a claim left unsent is tried again later.</summary>
    public DateTime? SentAtUtc { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public static string KeyOf(int budgetYear, DecisionKind decision, int organisationId, string kind) =>
        $"{budgetYear}:{decision}:{organisationId}:{kind}";
}

internal sealed class ReminderLogEntryConfiguration : IEntityTypeConfiguration<ReminderLogEntry>
{
    public void Configure(EntityTypeBuilder<ReminderLogEntry> builder)
    {
        builder.Property(e => e.Key).HasMaxLength(100);
        builder.HasIndex(e => e.Key).IsUnique();
        builder.Property(e => e.Kind).HasMaxLength(20);
        builder.Property(e => e.Decision).HasConversion<string>().HasMaxLength(10);
        builder.Property(e => e.Recipients).HasMaxLength(4000);
        builder.Property(e => e.LastError).HasMaxLength(500);
    }
}
