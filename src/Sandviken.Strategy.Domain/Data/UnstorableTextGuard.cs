using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Sandviken.Strategy.Domain.Validation;

namespace Sandviken.Strategy.Domain.Data;

/// <summary>
/// PostgreSQL cannot take a NUL character in text, not even in a parameter of a query (error 22021), and Npgsql cannot
/// encode an unpaired surrogate (EncoderFallbackException), so a lookup with either failed with a server error where
/// SQLite simply found nothing. The context already refuses to save such text (<see cref="WellFormedText"/>); on
/// PostgreSQL this refuses any command that carries it, with the same Swedish message. Found by the property-based
/// tests on PostgreSQL (ADR 0037).
/// </summary>
public sealed class UnstorableTextGuard : DbCommandInterceptor
{
    public static UnstorableTextGuard Instance { get; } = new();

    private UnstorableTextGuard()
    {
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        Check(command, result);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Check(command, result));

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) =>
        Check(command, result);

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Check(command, result));

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result) =>
        Check(command, result);

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Check(command, result));

    private static T Check<T>(DbCommand command, T result)
    {
        foreach (DbParameter parameter in command.Parameters)
        {
            // A list (x = ANY(@p), as PostgreSQL's provider sends Contains) is checked item by item.
            var unstorable = parameter.Value switch
            {
                string text => IsUnstorable(text),
                IEnumerable<string?> texts => texts.Any(t => t is not null && IsUnstorable(t)),
                _ => false,
            };
            if (unstorable)
            {
                throw new ValidationFailedException(WellFormedText.Message);
            }
        }

        return result;
    }

    private static bool IsUnstorable(string text) => !WellFormedText.IsStorable(text);
}
