namespace Sandviken.Strategy.Domain.Municipalities;

/// <summary>The root of the model: one per deployment today, kept so a host can serve several later.</summary>
public class Municipality
{
    public int Id { get; set; }

    /// <summary>The four-digit code used by SCB and Kolada, for example "2181".</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public string? Vision { get; set; }

    /// <summary>True while only part of the vision text is known; the page says so instead of inventing the rest.</summary>
    public bool VisionIsIncomplete { get; set; }

    public DateOnly? VisionDecidedOn { get; set; }
}
