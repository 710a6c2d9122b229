namespace Sandviken.Strategy.Domain.Areas;

/// <summary>A measurable ambition (målbild) of an area, such as "50 000 invånare".</summary>
public class AreaAmbition : Data.IHasConcurrencyToken
{
    public int Id { get; set; }

    public int StrategicAreaId { get; set; }

    public StrategicArea StrategicArea { get; set; } = null!;

    public required string Text { get; set; }

    public decimal? TargetValue { get; set; }

    public string? Unit { get; set; }

    public int? TargetYear { get; set; }

    /// <summary>The Kolada key figure that measures the ambition, for example "N01951".</summary>
    public string? KoladaKpiId { get; set; }

    public int SortOrder { get; set; }

    /// <summary>Renewed by every change through a form; a form that sends back an older one is refused (ADR 0032).</summary>
    public Guid ConcurrencyToken { get; set; } = Guid.NewGuid();
}
