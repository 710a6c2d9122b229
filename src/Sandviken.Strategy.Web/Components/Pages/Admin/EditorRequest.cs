namespace Sandviken.Strategy.Web.Components.Pages.Admin;

/// <summary>A request to open one of a page's editors (<paramref name="Key"/>) and put focus on <paramref name="FocusId"/>.</summary>
public sealed record EditorRequest(string Key, string FocusId);
