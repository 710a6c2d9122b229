namespace Sandviken.Strategy.Domain.Validation;

/// <summary>
/// Bad input: nothing was saved. <see cref="Errors"/> maps a field name (as in the input record, for example
/// "Title" or "Indicators[0].Name") to a Swedish message to show next to it; "" is for the whole form.
/// </summary>
public sealed class ValidationFailedException : Exception
{
    public ValidationFailedException(IReadOnlyDictionary<string, string> errors)
        : base(string.Join(" ", errors.Values)) => Errors = errors;

    public ValidationFailedException(string field, string message)
        : this(new Dictionary<string, string> { [field] = message })
    {
    }

    public ValidationFailedException()
        : this(new Dictionary<string, string>())
    {
    }

    public ValidationFailedException(string message)
        : this("", message)
    {
    }

    public ValidationFailedException(string message, Exception innerException)
        : base(message, innerException) => Errors = new Dictionary<string, string> { [""] = message };

    public IReadOnlyDictionary<string, string> Errors { get; }
}

/// <summary>Collects field errors and throws them together.</summary>
internal sealed class Problems
{
    private readonly Dictionary<string, string> errors = [];

    public void Add(string field, string message) => errors.TryAdd(field, message);

    public void Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            Add(field, message);
        }
    }

    public void ThrowIfAny()
    {
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
    }
}
