namespace Sandviken.Strategy.Web.Hosting;

/// <summary>The bounds on interactive circuits (ADR 0030), from the configuration section <c>Circuits</c>.</summary>
public sealed class CircuitLimitOptions
{
    public const string Section = "Circuits";

    /// <summary>
    /// Connections to the Blazor hub one signed-in user may hold at once: 5. Each carries at most one circuit (a tab of
    /// the workspace or the administration); a circuit kept after a lost connection counts among the retained below.
    /// </summary>
    public int MaxPerUser { get; set; } = 5;

    /// <summary>Circuits kept for a reconnection after their connection was lost, all users together: 50 (Blazor's default 100).</summary>
    public int DisconnectedCircuitMaxRetained { get; set; } = 50;

    /// <summary>How long such a circuit is kept: 2 minutes (Blazor's default 3).</summary>
    public int DisconnectedCircuitRetentionSeconds { get; set; } = 120;

    /// <summary>Paused circuits' state kept in memory for a resume, all users together: 50 (Blazor's default 1,000).</summary>
    public int PersistedCircuitMaxRetained { get; set; } = 50;
}
