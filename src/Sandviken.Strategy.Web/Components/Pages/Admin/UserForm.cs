namespace Sandviken.Strategy.Web.Components.Pages.Admin;

public sealed class UserForm
{
    public string Email { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public string Password { get; set; } = "";

    public bool IsActive { get; set; } = true;

    public HashSet<string> Roles { get; } = [];

    public HashSet<int> OrganisationIds { get; } = [];
}
