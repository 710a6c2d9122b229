namespace Sandviken.Strategy.Domain.Validation;

/// <summary>An operation the plan lifecycle does not allow (for example a final decision before the draft); Swedish message.</summary>
public sealed class RuleViolationException : Exception
{
    public RuleViolationException()
    {
    }

    public RuleViolationException(string message)
        : base(message)
    {
    }

    public RuleViolationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
