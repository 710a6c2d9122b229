using System.Linq.Expressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace Sandviken.Strategy.Web.Components.Forms;

/// <summary>
/// For the portal's own fields (numbers, dates) that hold text the form object does not: shows the messages the
/// surrounding form's <see cref="EditContext"/> has for the bound property, as MudBlazor's fields do with For=,
/// and tells the form when the user changed the field (which clears its message, see <see cref="ServerValidator"/>).
/// </summary>
public abstract class BoundFieldBase<TProperty> : ComponentBase, IDisposable
{
    private EditContext? subscribed;

    [CascadingParameter]
    private EditContext? EditContext { get; set; }

    /// <summary>The form object's property this field edits; its messages are shown next to the field.</summary>
    [Parameter]
    public Expression<Func<TProperty>>? For { get; set; }

    /// <summary>A message from outside the form (used where there is no EditContext).</summary>
    [Parameter]
    public string? ErrorText { get; set; }

    private FieldIdentifier? Field => For is null ? null : FieldIdentifier.Create(For);

    /// <summary>The form's message for this field, or <see cref="ErrorText"/>.</summary>
    protected string? FormMessage =>
        (EditContext is not null && Field is { } bound ? EditContext.GetValidationMessages(bound).FirstOrDefault() : null) ?? ErrorText;

    protected override void OnParametersSet()
    {
        if (!ReferenceEquals(subscribed, EditContext))
        {
            Unsubscribe();
            if (EditContext is not null)
            {
                EditContext.OnValidationStateChanged += ValidationStateChanged;
                subscribed = EditContext;
            }
        }
    }

    /// <summary>Call after the user changed the field.</summary>
    protected void NotifyChanged()
    {
        if (EditContext is not null && Field is { } bound)
        {
            EditContext.NotifyFieldChanged(bound);
        }
    }

    public void Dispose()
    {
        Unsubscribe();
        GC.SuppressFinalize(this);
    }

    private void ValidationStateChanged(object? sender, ValidationStateChangedEventArgs e) => _ = InvokeAsync(StateHasChanged);

    private void Unsubscribe()
    {
        if (subscribed is not null)
        {
            subscribed.OnValidationStateChanged -= ValidationStateChanged;
            subscribed = null;
        }
    }
}
