namespace Sandviken.Strategy.Domain.Areas;

/// <summary>One of the council's strategic areas (strategiskt område) for a mandate period.</summary>
public class StrategicArea : Data.IHasConcurrencyToken
{
    public int Id { get; set; }

    public int MandatePeriodId { get; set; }

    public MandatePeriod MandatePeriod { get; set; } = null!;

    /// <summary>URL name, unique within its mandate period, for example "vaxa-for-framtiden".</summary>
    public required string Slug { get; set; }

    public required string Title { get; set; }

    /// <summary>The first paragraph of the council's text.</summary>
    public required string Lead { get; set; }

    /// <summary>The rest of the council's text; paragraphs separated by blank lines.</summary>
    public string Body { get; set; } = "";

    public int SortOrder { get; set; }

    public List<AreaAmbition> Ambitions { get; set; } = [];

    /// <summary>Renewed by every change through a form; a form that sends back an older one is refused (ADR 0032).</summary>
    public Guid ConcurrencyToken { get; set; } = Guid.NewGuid();
}
