using Sandviken.Strategy.Domain.Auditing;

namespace Sandviken.Strategy.Web.Components.Pages.Workspace;

/// <summary>Swedish words for the audit log's actions.</summary>
internal static class WorkspaceLabels
{
    public static string Action(string action) => action switch
    {
        AuditActions.PlanCreate => "Skapade planen",
        AuditActions.GoalAdd => "Lade till ett mål",
        AuditActions.GoalUpdate => "Ändrade ett mål",
        AuditActions.GoalRemove => "Tog bort ett mål",
        AuditActions.GoalReorder => "Ändrade målens ordning",
        AuditActions.DecisionRecord => "Registrerade ett beslut",
        AuditActions.PlanReopen => "Öppnade planen för revidering",
        AuditActions.FollowUpRecord => "Följde upp ett mål",
        AuditActions.MeasurementRecord => "Registrerade ett värde för en indikator",
        _ => action,
    };
}
