using Sandviken.Strategy.Domain.Auditing;

namespace Sandviken.Strategy.Web.Components.Pages.Workspace;

/// <summary>Swedish words for the audit log's actions: the labels live with the action names in <see cref="AuditActions"/>.</summary>
internal static class WorkspaceLabels
{
    public static string Action(string action) => AuditActions.LabelOf(action);
}
