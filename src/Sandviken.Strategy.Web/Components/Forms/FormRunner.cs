using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Access;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Plans;
using Sandviken.Strategy.Domain.Validation;

namespace Sandviken.Strategy.Web.Components.Forms;

/// <summary>
/// The one way an interactive component runs a domain write and shows its outcome: busy state (a second click
/// while the first is on its way does nothing), the success message, the domain's Swedish refusal, field errors
/// into the form (through <see cref="ServerValidator"/>), conflicts, and focus on the outcome
/// (<see cref="FormOutcome"/> shows and focuses it). Registered as transient: each component that injects it gets
/// its own, and a component with two independent forms injects two.
/// </summary>
public sealed class FormRunner(AuthenticationStateProvider authentication, ILogger<FormRunner> logger)
{
    public const string RaceMessage = "Inget har sparats: någon annan ändrade samma sak i samma ögonblick. Ladda om sidan och försök igen.";

    /// <summary>The end of a refusal whose messages are shown at the form's fields.</summary>
    public const string FieldsHint = "Rätta det som står vid fälten.";

    private bool focusOutcome;

    /// <summary>Raised when the outcome changed, so that a <see cref="FormOutcome"/> elsewhere on the page shows it at once.</summary>
    public event Action? Changed;

    public bool Busy { get; private set; }

    /// <summary>What the last change did, for the status region.</summary>
    public string? Notice { get; private set; }

    /// <summary>Why the last change or load was refused, for the alert region.</summary>
    public string? Problem { get; private set; }

    /// <summary>The goal someone else saved in between, when that was why the last change was refused.</summary>
    public GoalConflictException? Conflict { get; private set; }

    /// <summary>True when the service refused to show the component's data (for example a user demoted meanwhile).</summary>
    public bool Denied { get; private set; }

    public async Task<ClaimsPrincipal> UserAsync() => (await authentication.GetAuthenticationStateAsync()).User;

    /// <summary>Runs a change through a domain service.</summary>
    /// <param name="change">The domain call, for the signed-in user.</param>
    /// <param name="savedMessage">Shown (and announced) when the change is saved.</param>
    /// <param name="fields">The form whose fields show the domain's field errors, if there is one.</param>
    /// <param name="refused">The first words of a refusal, before the domain's own message.</param>
    /// <param name="focusOutcome">False when the caller moves focus itself after a successful change.</param>
    /// <returns>True when the change was saved.</returns>
    public async Task<bool> RunAsync(
        Func<ClaimsPrincipal, Task> change,
        string? savedMessage,
        ServerValidator? fields = null,
        string refused = "Inget har sparats.",
        bool focusOutcome = true)
    {
        if (Busy)
        {
            return false; // a double click: the first change is still on its way
        }

        Busy = true;
        (Problem, Conflict) = (null, null);
        var lastNotice = Notice;
        Notice = null;
        this.focusOutcome = true;
        try
        {
            await change(await UserAsync());
            fields?.Clear();
            // A live region speaks only when its text changes: the same message twice is made to differ invisibly.
            Notice = savedMessage is not null && savedMessage == lastNotice ? savedMessage + "\u00A0" : savedMessage;
            this.focusOutcome = focusOutcome;
            return true;
        }
        catch (ValidationFailedException e)
        {
            // With a form, each message is next to its field and the summary says where to look; without one, it says them all.
            Problem = fields is null
                ? $"{refused} {e.Message}"
                : string.Join(' ', [refused, .. fields.Show(e.Errors), FieldsHint]);
        }
        catch (GoalConflictException e)
        {
            (Conflict, Problem) = (e, e.Message);
        }
        catch (SavedButNotSentException e)
        {
            // Saved, so the form is done (sending it again would save twice); the alert says what the e-mail failure left to do.
            fields?.Clear();
            Problem = e.Message;
            return true;
        }
        catch (Exception e) when (e is AccessDeniedException or RuleViolationException or StaleFormException)
        {
            Problem = e.Message;
        }
        catch (Exception e) when (DatabaseBusy.IsBusy(e))
        {
            // Another writer held the database beyond the busy timeout: nothing is saved, and trying again will do (ADR 0033).
            logger.LogWarning(e, "A change was not saved: the database was busy");
            Problem = DatabaseBusy.Message;
        }
        catch (DbUpdateException e)
        {
            // The rules run first, so this is a race at a unique index or a concurrency token (two people at once).
            logger.LogWarning(e, "A change was not saved");
            Problem = RaceMessage;
        }
        finally
        {
            Busy = false;
            Changed?.Invoke();
        }

        return false;
    }

    /// <summary>Loads a component's data; a refusal is shown as a message instead of an error page (see <see cref="Denied"/>).</summary>
    public async Task LoadAsync(Func<ClaimsPrincipal, Task> load)
    {
        try
        {
            await load(await UserAsync());
            Denied = false;
        }
        catch (AccessDeniedException e)
        {
            (Denied, Problem) = (true, e.Message);
        }

        Changed?.Invoke();
    }

    /// <summary>Refuses a save before it reaches the service (for example a number that cannot be read).</summary>
    public void Refuse(string message)
    {
        (Notice, Problem, Conflict, focusOutcome) = (null, message, null, true);
        Changed?.Invoke();
    }

    /// <summary>Shows a message that did not come from a change (for example after a reload).</summary>
    public void Say(string message)
    {
        (Notice, Problem, focusOutcome) = (message, null, true);
        Changed?.Invoke();
    }

    public void Clear()
    {
        (Notice, Problem, Conflict, focusOutcome) = (null, null, null, false);
        Changed?.Invoke();
    }

    /// <summary>True once after a change whose outcome should receive focus (see <see cref="FormOutcome"/>).</summary>
    internal bool TakeFocus()
    {
        var take = focusOutcome && (Notice is not null || Problem is not null);
        focusOutcome = false;
        return take;
    }
}
