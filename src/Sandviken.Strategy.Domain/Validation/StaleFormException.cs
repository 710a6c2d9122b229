namespace Sandviken.Strategy.Domain.Validation;

/// <summary>
/// Someone else saved the same thing after the user's form was read: nothing was saved and nothing was overwritten.
/// The Swedish message says what changed and what to do (reload and make the change again).
/// </summary>
public sealed class StaleFormException : Exception
{
    public StaleFormException()
    {
    }

    public StaleFormException(string message)
        : base(message)
    {
    }

    public StaleFormException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>For an update: <paramref name="what"/> is the thing in Swedish with its article, for example "kontot".</summary>
    public static StaleFormException Changed(string what, Exception? inner = null) =>
        Create($"Någon annan har ändrat {what} sedan du öppnade formuläret. Inget har sparats: ladda om sidan och gör om ändringen.", inner);

    /// <summary>For an upsert whose form saw no stored value: <paramref name="what"/> is what someone else saved meanwhile.</summary>
    public static StaleFormException Added(string what, Exception? inner = null) =>
        Create($"Någon annan har sparat {what} sedan du öppnade formuläret. Inget har sparats: ladda om sidan och gör om ändringen.", inner);

    private static StaleFormException Create(string message, Exception? inner) => inner is null ? new(message) : new(message, inner);
}
