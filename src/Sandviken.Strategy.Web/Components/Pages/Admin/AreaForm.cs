using Sandviken.Strategy.Domain.Administration;

namespace Sandviken.Strategy.Web.Components.Pages.Admin;

public sealed class AreaForm
{
    public string Title { get; set; } = "";

    public string Lead { get; set; } = "";

    public string? Body { get; set; }

    public AreaInput ToInput() => new(Title, Lead, Body);
}
