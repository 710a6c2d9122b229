using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace Sandviken.Strategy.Web.Tests.Components;

/// <summary>
/// Finds an element and clicks it in one step on the renderer's dispatcher. MudBlazor's fields validate and
/// re-render after a change on their own schedule; a button found before that re-render carries an event handler
/// id that no longer exists when it is clicked (bUnit's UnknownEventHandlerIdException, seen once in CI).
/// </summary>
public static class FreshClick
{
    public static Task ClickFreshAsync<T>(this IRenderedComponent<T> page, Func<IElement> find)
        where T : IComponent =>
        page.InvokeAsync(() => find().ClickAsync(new()));
}
