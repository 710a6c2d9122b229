namespace Sandviken.Strategy.Domain.Validation;

/// <summary>
/// The change is saved, but the e-mail that should follow it could not be sent; Swedish message saying what is left
/// to do. Not a refusal: the form is done and must not be sent again (that would create the account twice).
/// </summary>
public sealed class SavedButNotSentException : Exception
{
    public SavedButNotSentException()
    {
    }

    public SavedButNotSentException(string message)
        : base(message)
    {
    }

    public SavedButNotSentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
