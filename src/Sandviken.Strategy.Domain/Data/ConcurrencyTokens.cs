using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Validation;

namespace Sandviken.Strategy.Domain.Data;

/// <summary>
/// A row that a form edits. Its token is renewed by every change and is a concurrency token (every UPDATE checks it
/// in its WHERE clause), so a form that sends back the token it read can never overwrite a change made after it was
/// read: the stale save is refused with a <see cref="StaleFormException"/>. ADR 0032.
/// </summary>
public interface IHasConcurrencyToken
{
    Guid ConcurrencyToken { get; set; }
}

/// <summary>The optimistic check every update runs (ADR 0032).</summary>
internal static class ConcurrencyTokens
{
    /// <summary>
    /// Refuses the change when the row's token is not the one the form read; otherwise makes the UPDATE check that
    /// token (so that a change saved between this read and the save is caught too) and renews it.
    /// </summary>
    /// <param name="what">The row in Swedish with its article, for the message, for example "organisationen".</param>
    public static void Expect(StrategyDbContext db, IHasConcurrencyToken row, Guid expected, string what)
    {
        if (row.ConcurrencyToken != expected)
        {
            throw StaleFormException.Changed(what);
        }

        db.Entry(row).Property(nameof(IHasConcurrencyToken.ConcurrencyToken)).OriginalValue = expected;
        row.ConcurrencyToken = Guid.NewGuid();
    }

    /// <summary>
    /// For an upsert keyed by something the form shows (a follow-up point, a year): the form sends the token of the
    /// value it showed, or null when it showed none. A value saved by someone else after that is never overwritten.
    /// </summary>
    /// <param name="what">What was saved meanwhile, for the message, for example "en bedömning för delårsrapporten".</param>
    public static void ExpectUpsert(StrategyDbContext db, IHasConcurrencyToken? existing, Guid? expected, string what)
    {
        if (existing is null)
        {
            // The form showed a value that is no longer there: nothing deletes these today, but the form is stale all the same.
            if (expected is not null)
            {
                throw StaleFormException.Changed(what);
            }

            return;
        }

        if (expected is not { } token)
        {
            throw StaleFormException.Added(what);
        }

        Expect(db, existing, token, what);
    }

    /// <summary>Saves; a token that changed between the check and the UPDATE becomes the same refusal as a stale form.</summary>
    public static async Task SaveAsync(StrategyDbContext db, string what, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException e)
        {
            throw StaleFormException.Changed(what, e);
        }
    }
}
