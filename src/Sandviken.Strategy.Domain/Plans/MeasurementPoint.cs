namespace Sandviken.Strategy.Domain.Plans;

/// <summary>One value of an indicator or an area's key figure, with where it came from and when.</summary>
public sealed record MeasurementPoint(string Period, decimal Value, string Source, DateTime FetchedAtUtc);
