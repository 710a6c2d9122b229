namespace Sandviken.Strategy.Web.Components.Pages.Workspace;

/// <summary>Swedish words for the audit log's actions.</summary>
internal static class WorkspaceLabels
{
    public static string Action(string action) => action switch
    {
        "Plan.Create" => "Skapade planen",
        "Goal.Add" => "Lade till ett mål",
        "Goal.Update" => "Ändrade ett mål",
        "Goal.Remove" => "Tog bort ett mål",
        "Goal.Reorder" => "Ändrade målens ordning",
        "Decision.Record" => "Registrerade ett beslut",
        "Plan.Reopen" => "Öppnade planen för revidering",
        "FollowUp.Record" => "Följde upp ett mål",
        "Measurement.Record" => "Registrerade ett värde för en indikator",
        _ => action,
    };
}
