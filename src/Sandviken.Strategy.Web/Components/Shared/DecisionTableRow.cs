using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Domain.Workspace;

namespace Sandviken.Strategy.Web.Components.Shared;

/// <summary>One row of <see cref="DecisionTable"/>, from the public plan page's or the workspace's read model.</summary>
public sealed record DecisionTableRow(DecisionKind Kind, DateOnly DecidedOn, string DecidedBy, string Reference, int VersionNumber, string? RecordedBy = null, DateTime? RecordedAtUtc = null)
{
    public static DecisionTableRow From(DecisionView view) => new(view.Kind, view.DecidedOn, view.DecidedBy, view.Reference, view.VersionNumber);

    public static DecisionTableRow From(DecisionRecord record) =>
        new(record.Kind, record.DecidedOn, record.DecidedBy, record.Reference, record.VersionNumber, record.RecordedBy, record.RecordedAtUtc);
}
