namespace Sandviken.Strategy.Domain.Kolada;

/// <summary>
/// Why a Kolada fetch or import failed (timeout, error status, network, unreadable answer or invalid ids), with a
/// Swedish message that can be shown as is. Nothing was returned. Cancellation by the caller is not reported this way.
/// </summary>
public sealed class KoladaException : Exception
{
    public KoladaException()
    {
    }

    public KoladaException(string message)
        : base(message)
    {
    }

    public KoladaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
