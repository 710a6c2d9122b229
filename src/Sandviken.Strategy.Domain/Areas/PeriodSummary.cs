namespace Sandviken.Strategy.Domain.Areas;

/// <summary>A mandate period as the public pages name it: its years and the council decision that set its areas.</summary>
public sealed record PeriodSummary(string Name, int StartYear, int EndYear, DateOnly AreasDecidedOn, string AreasDecidedBy);
