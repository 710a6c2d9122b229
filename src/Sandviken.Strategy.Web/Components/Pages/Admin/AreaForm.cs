using Sandviken.Strategy.Domain.Administration;

namespace Sandviken.Strategy.Web.Components.Pages.Admin;

public sealed class AreaForm
{
    public string Title { get; set; } = "";

    public string Lead { get; set; } = "";

    public string? Body { get; set; }

    /// <summary>The area's token when the editor was opened, null for a new area (ADR 0032).</summary>
    public Guid? ConcurrencyToken { get; init; }

    public AreaInput ToInput() => new(Title, Lead, Body);
}
