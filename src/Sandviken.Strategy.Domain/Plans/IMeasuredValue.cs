namespace Sandviken.Strategy.Domain.Plans;

/// <summary>
/// A value for one period, whatever it measures: an indicator's (<see cref="Measurement"/>) or an area ambition's
/// (<see cref="Areas.AmbitionMeasurement"/>). Lets an import store both kinds the same way.
/// </summary>
public interface IMeasuredValue
{
    /// <summary>The id of what the value measures: the indicator or the ambition.</summary>
    int MeasuredId { get; }

    string Period { get; }

    decimal Value { get; set; }

    DateTime FetchedAtUtc { get; set; }
}
