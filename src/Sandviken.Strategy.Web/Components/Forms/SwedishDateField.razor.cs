using Microsoft.AspNetCore.Components;

namespace Sandviken.Strategy.Web.Components.Forms;

/// <summary>
/// The date field of every form. A MudTextField cannot take <c>For=</c> here (its value is text, the form's a
/// <see cref="DateOnly"/>), so the field itself takes <c>For=</c> and shows the form's message for that property
/// (see <see cref="BoundFieldBase{TProperty}"/>); <see cref="BoundFieldBase{TProperty}.ErrorText"/> where there is no form.
/// Text that cannot be read sets <see cref="Value"/> to null, so a save is refused by the domain's own rule
/// ("Ange …"), while the field keeps the text and says how to write it. A date after <see cref="Max"/> is passed on
/// as typed (the domain refuses it too) and the field says so at once.
/// </summary>
public partial class SwedishDateField
{
    private string text = "";
    private string? textError;
    private DateOnly? shownValue;

    [Parameter]
    public DateOnly? Value { get; set; }

    [Parameter]
    public EventCallback<DateOnly?> ValueChanged { get; set; }

    [Parameter, EditorRequired]
    public string Label { get; set; } = "";

    [Parameter, EditorRequired]
    public string InputId { get; set; } = "";

    /// <summary>The latest date that may be entered (today for a decision), or null for no limit.</summary>
    [Parameter]
    public DateOnly? Max { get; set; }

    [Parameter]
    public string? HelperText { get; set; } = "Till exempel 2025-04-20";

    [Parameter]
    public bool Disabled { get; set; }

    [Parameter]
    public string? Class { get; set; }

    /// <summary>The field's own message (text that cannot be read, a date after <see cref="Max"/>), null when there is none.</summary>
    public string? TextError => textError ?? (shownValue is { } value && Max is { } max && value > max ? SwedishDate.AfterMessage(max) : null);

    // What cannot be read comes first: the form's message is about the date that was saved last time.
    private string? Message => TextError ?? FormMessage;

    protected override void OnParametersSet()
    {
        base.OnParametersSet();
        // A value set by the form (a new plan, a cleared form) replaces the text; the field's own changes do not.
        if (Value != shownValue)
        {
            shownValue = Value;
            text = SwedishDate.Format(Value);
            textError = null;
        }
    }

    private async Task OnTextChanged(string? typed)
    {
        text = typed ?? "";
        DateOnly? value;
        if (SwedishDate.TryParse(text, out var parsed))
        {
            value = parsed;
            text = SwedishDate.Format(parsed);
            textError = null;
        }
        else
        {
            value = null;
            textError = SwedishDate.Message;
        }

        shownValue = value;
        if (value != Value)
        {
            await ValueChanged.InvokeAsync(value);
        }

        NotifyChanged();
    }
}
