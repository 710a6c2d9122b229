namespace Sandviken.Strategy.Web.Components.Pages.Admin;

/// <summary>Messages the administration pages share.</summary>
internal static class AdminMessages
{
    /// <summary>
    /// A save is stopped before it reaches the service when a number field holds text that cannot be read: saving
    /// it as "no value" would erase what is stored. The field itself says what is wrong.
    /// </summary>
    public const string UnreadableNumber = "Inget har sparats. Rätta talet som är markerat nedan.";
}
