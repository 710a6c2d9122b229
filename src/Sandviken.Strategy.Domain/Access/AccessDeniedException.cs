namespace Sandviken.Strategy.Domain.Access;

/// <summary>Thrown by a domain service that refuses an operation; the message is Swedish and safe to show.</summary>
public sealed class AccessDeniedException : Exception
{
    public AccessDeniedException()
        : base("Du har inte behörighet att göra det här.")
    {
    }

    public AccessDeniedException(string message)
        : base(message)
    {
    }

    public AccessDeniedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
