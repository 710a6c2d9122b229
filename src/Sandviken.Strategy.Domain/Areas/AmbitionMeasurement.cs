using Sandviken.Strategy.Domain.Plans;

namespace Sandviken.Strategy.Domain.Areas;

/// <summary>A value of an ambition's key figure for one period, for example inhabitants in 2024 from Kolada.</summary>
public class AmbitionMeasurement : IMeasuredValue
{
    public int Id { get; set; }

    public int AreaAmbitionId { get; set; }

    public AreaAmbition AreaAmbition { get; set; } = null!;

    public required string Period { get; set; }

    public decimal Value { get; set; }

    public required string Source { get; set; }

    public DateTime FetchedAtUtc { get; set; }

    int IMeasuredValue.MeasuredId => AreaAmbitionId;
}
