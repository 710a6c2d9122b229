using Sandviken.Strategy.Domain.Municipalities;

namespace Sandviken.Strategy.Domain.Areas;

/// <summary>A council's term (mandatperiod), for which the council sets its strategic areas.</summary>
public class MandatePeriod
{
    public int Id { get; set; }

    public int MunicipalityId { get; set; }

    public Municipality Municipality { get; set; } = null!;

    /// <summary>Display name such as "2023–2026".</summary>
    public required string Name { get; set; }

    public int StartYear { get; set; }

    public int EndYear { get; set; }

    public DateOnly AreasDecidedOn { get; set; }

    public required string AreasDecidedBy { get; set; }

    public List<StrategicArea> Areas { get; set; } = [];

    public bool Covers(int year) => year >= StartYear && year <= EndYear;
}
