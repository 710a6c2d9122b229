using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.JSInterop;
using Sandviken.Strategy.Domain.Access;
using Sandviken.Strategy.Domain.Validation;

namespace Sandviken.Strategy.Web.Components.Pages.Admin;

/// <summary>
/// What the administration pages share: run a change through a domain service, show its Swedish field errors
/// or refusal, and announce the outcome to screen readers.
/// </summary>
public abstract class AdminPage : ComponentBase
{
    [Inject]
    private ILogger<AdminPage> Logger { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    private string[]? focusNext;

    /// <summary>After the next render, focus the first of these elements that exists and is enabled.</summary>
    protected void FocusNext(params string[] ids) => focusNext = ids;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // A row that turns into a form (or back) takes the focused button with it: keyboard users would be left on the page.
        if (focusNext is { } ids)
        {
            focusNext = null;
            await JS.InvokeVoidAsync("portal.focusFirst", [ids]);
        }
    }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    protected string? Problem { get; private set; }

    protected string? Notice { get; private set; }

    protected bool Busy { get; private set; }

    protected string? ErrorFor(string field) => Errors.TryGetValue(field, out var message) ? message : null;

    protected async Task<ClaimsPrincipal> UserAsync() => (await AuthenticationState).User;

    /// <returns>True when the change was saved.</returns>
    protected async Task<bool> RunAsync(Func<ClaimsPrincipal, Task> change, string savedMessage)
    {
        Busy = true;
        Problem = null;
        Notice = null;
        try
        {
            await change(await UserAsync());
            Errors = new Dictionary<string, string>();
            Notice = savedMessage;
            // The outcome shows at the top of the page: bring it into view (a page may send focus elsewhere instead).
            FocusNext("admin-notice");
            return true;
        }
        catch (ValidationFailedException e)
        {
            Errors = e.Errors;
            Problem = "Inget har sparats. " + e.Message;
            FocusNext("admin-problem");
            return false;
        }
        catch (Exception e) when (e is AccessDeniedException or RuleViolationException)
        {
            Problem = e.Message;
            FocusNext("admin-problem");
            return false;
        }
        catch (DbUpdateException e)
        {
            // Validation runs first, so this is a race at a unique index (two administrators at once) or a database limit.
            Logger.LogWarning(e, "An administration change was not saved");
            Problem = "Inget har sparats: någon annan ändrade samma sak i samma ögonblick. Ladda om sidan och försök igen.";
            FocusNext("admin-problem");
            return false;
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>True when the service refused to show the page's data (for example an administrator demoted meanwhile).</summary>
    protected bool Denied { get; private set; }

    /// <summary>Loads the page's data; a refusal is shown as a message instead of an error page.</summary>
    protected async Task LoadSafelyAsync(Func<ClaimsPrincipal, Task> load)
    {
        try
        {
            await load(await UserAsync());
        }
        catch (AccessDeniedException e)
        {
            (Denied, Problem) = (true, e.Message);
        }
    }

    protected void SetNotice(string message) => Notice = message;

    /// <summary>
    /// Stops a save before it reaches the service when a number field holds text that cannot be read: saving
    /// it as "no value" would erase what is stored. The field itself says what is wrong.
    /// </summary>
    /// <returns>True when the save may go on.</returns>
    protected bool NumbersAreReadable(bool readable)
    {
        if (!readable)
        {
            (Notice, Problem) = (null, "Inget har sparats. Rätta talet som är markerat nedan.");
        }

        return readable;
    }

    protected void ClearMessages() => (Errors, Problem, Notice) = (new Dictionary<string, string>(), null, null);
}
