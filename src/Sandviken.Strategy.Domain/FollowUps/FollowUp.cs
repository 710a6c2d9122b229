using Sandviken.Strategy.Domain.Plans;

namespace Sandviken.Strategy.Domain.FollowUps;

/// <summary>When in the year a goal is followed up.</summary>
public enum FollowUpPoint
{
    /// <summary>Delårsrapport.</summary>
    InterimReport = 1,

    /// <summary>Årsredovisning: the year's last word, it overrides the interim report in roll-ups.</summary>
    AnnualReport = 2,
}

public enum Assessment
{
    /// <summary>Uppfyllt.</summary>
    Met = 1,

    /// <summary>Delvis uppfyllt.</summary>
    PartlyMet = 2,

    /// <summary>Ej uppfyllt.</summary>
    NotMet = 3,

    /// <summary>Ej bedömt.</summary>
    NotAssessed = 4,
}

/// <summary>The organisation's assessment of one goal at one follow-up point (uppföljning).</summary>
public class FollowUp : Data.IHasConcurrencyToken
{
    public int Id { get; set; }

    public int GoalId { get; set; }

    public Goal Goal { get; set; } = null!;

    public FollowUpPoint Point { get; set; }

    public Assessment Assessment { get; set; }

    public string? Comment { get; set; }

    public required string RecordedBy { get; set; }

    public DateTime RecordedAtUtc { get; set; }

    /// <summary>Renewed by every change through a form; a form that sends back an older one is refused (ADR 0032).</summary>
    public Guid ConcurrencyToken { get; set; } = Guid.NewGuid();
}
