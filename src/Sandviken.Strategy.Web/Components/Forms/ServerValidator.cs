using System.Collections;
using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace Sandviken.Strategy.Web.Components.Forms;

/// <summary>
/// Puts the domain's field errors (<c>ValidationFailedException.Errors</c>) into the surrounding form's
/// <see cref="EditContext"/>, as Microsoft's Blazor forms documentation describes for server validation. Fields
/// bound with <c>For=</c> then show their own message. A field's message goes away when the user changes it; if
/// the form's model is an <see cref="IChecksFields"/>, the field is checked again as the user leaves it changed.
/// </summary>
public sealed class ServerValidator : ComponentBase, IDisposable
{
    private EditContext? editContext;
    private ValidationMessageStore? store;

    [CascadingParameter]
    private EditContext? CurrentEditContext { get; set; }

    /// <summary>Shows these errors (field path → Swedish message; "" for the whole form) instead of the previous ones.</summary>
    /// <returns>The messages that belong to no field of the form: the form's summary says them.</returns>
    public IReadOnlyList<string> Show(IReadOnlyDictionary<string, string> errors)
    {
        var (context, messages) = Attached();
        messages.Clear();
        var unplaced = new List<string>();
        foreach (var (path, message) in errors)
        {
            var field = FieldOf(context.Model, path);
            messages.Add(field, message);
            if (path.Length == 0 || (ReferenceEquals(field.Model, context.Model) && field.FieldName == path && !HasProperty(context.Model, path)))
            {
                unplaced.Add(message);
            }
        }

        context.NotifyValidationStateChanged();
        return unplaced;
    }

    public void Clear()
    {
        var (context, messages) = Attached();
        messages.Clear();
        context.NotifyValidationStateChanged();
    }

    /// <summary>
    /// The field a domain error key names: "Title" on the model, "Indicators[0].Name" on the first indicator's
    /// form object. A key the model cannot resolve stays on the model, where the form's summary shows it.
    /// </summary>
    public static FieldIdentifier FieldOf(object model, string path)
    {
        var owner = model;
        var parts = path.Split('.');
        foreach (var part in parts[..^1])
        {
            if (Step(owner, part) is not { } next)
            {
                return new FieldIdentifier(model, path);
            }

            owner = next;
        }

        return new FieldIdentifier(owner, parts[^1]);
    }

    protected override void OnParametersSet()
    {
        if (CurrentEditContext is null)
        {
            throw new InvalidOperationException($"{nameof(ServerValidator)} must be placed inside an EditForm.");
        }

        if (!ReferenceEquals(CurrentEditContext, editContext))
        {
            Detach();
            editContext = CurrentEditContext;
            store = new ValidationMessageStore(editContext);
            editContext.OnFieldChanged += FieldChanged;
        }
    }

    public void Dispose() => Detach();

    private (EditContext Context, ValidationMessageStore Messages) Attached() =>
        editContext is not null && store is not null
            ? (editContext, store)
            : throw new InvalidOperationException($"{nameof(ServerValidator)} is not rendered yet.");

    private void FieldChanged(object? sender, FieldChangedEventArgs e)
    {
        var (context, messages) = Attached();
        messages.Clear(e.FieldIdentifier);
        if (context.Model is IChecksFields checks && checks.Check(e.FieldIdentifier) is { } message)
        {
            messages.Add(e.FieldIdentifier, message);
        }

        context.NotifyValidationStateChanged();
    }

    private void Detach()
    {
        if (editContext is not null)
        {
            editContext.OnFieldChanged -= FieldChanged;
            store?.Clear();
            editContext.NotifyValidationStateChanged();
        }

        (editContext, store) = (null, null);
    }

    private static bool HasProperty(object model, string name) =>
        model.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance) is not null;

    // One step of a path: "Indicators[0]" or "Parent".
    private static object? Step(object owner, string part)
    {
        var bracket = part.IndexOf('[', StringComparison.Ordinal);
        var name = bracket < 0 ? part : part[..bracket];
        var value = owner.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance)?.GetValue(owner);
        if (bracket < 0)
        {
            return value;
        }

        return value is IList list
               && int.TryParse(part[(bracket + 1)..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
               && index < list.Count
            ? list[index]
            : null;
    }
}

/// <summary>A form model that can check one field as soon as the user leaves it changed (before any save).</summary>
public interface IChecksFields
{
    /// <returns>A Swedish message, or null when the field is fine.</returns>
    string? Check(FieldIdentifier field);
}
