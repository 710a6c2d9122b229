namespace Sandviken.Strategy.Domain.Plans;

/// <summary>One value of an indicator for one period, entered by hand or imported (for example from Kolada).</summary>
public class Measurement : IMeasuredValue, Data.IHasConcurrencyToken
{
    public int Id { get; set; }

    public int IndicatorId { get; set; }

    public Indicator Indicator { get; set; } = null!;

    /// <summary>The period the value describes, usually a year such as "2024".</summary>
    public required string Period { get; set; }

    public decimal Value { get; set; }

    public required string Source { get; set; }

    public DateTime FetchedAtUtc { get; set; }

    int IMeasuredValue.MeasuredId => IndicatorId;

    /// <summary>Renewed by every change through a form; a form that sends back an older one is refused (ADR 0032).</summary>
    public Guid ConcurrencyToken { get; set; } = Guid.NewGuid();
}
