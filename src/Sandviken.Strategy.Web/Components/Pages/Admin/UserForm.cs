using Sandviken.Strategy.Domain.Administration;

namespace Sandviken.Strategy.Web.Components.Pages.Admin;

/// <summary>An account as the administrator edits it; its properties are named as in the service's inputs.</summary>
public sealed class UserForm
{
    public string Email { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public string Password { get; set; } = "";

    public bool IsActive { get; set; } = true;

    public HashSet<string> Roles { get; } = [];

    public HashSet<int> OrganisationIds { get; } = [];

    /// <summary>The account's token when the editor was opened (ADR 0032): a reload of the list does not renew it.</summary>
    public Guid ConcurrencyToken { get; init; }

    public static UserForm From(UserRow user)
    {
        var form = new UserForm { DisplayName = user.DisplayName, IsActive = user.IsActive, ConcurrencyToken = user.ConcurrencyToken };
        form.Roles.UnionWith(user.Roles);
        form.OrganisationIds.UnionWith(user.OrganisationIds);
        return form;
    }

    public NewUserInput ToNewUser() => new(Email, DisplayName, Password, [.. Roles], [.. OrganisationIds]);

    public UserInput ToUpdate() => new(DisplayName, IsActive, [.. Roles], [.. OrganisationIds]);
}
