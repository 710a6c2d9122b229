namespace Sandviken.Strategy.Domain.Access;

/// <summary>
/// Who is acting, as the database says now: roles, memberships and whether the account is active are read
/// for every operation, never taken from the cookie or the UI.
/// </summary>
public sealed record Actor(
    string? UserId,
    string UserName,
    bool IsActive,
    IReadOnlySet<string> Roles,
    IReadOnlySet<int> OrganisationIds)
{
    public static readonly Actor Anonymous = new(null, "anonym", false, new HashSet<string>(), new HashSet<int>());

    public bool IsSignedIn => UserId is not null && IsActive;

    public bool IsAdministrator => IsSignedIn && Roles.Contains(Users.Roles.Administrator);

    /// <summary>Officials, politicians and administrators read every plan's working copy.</summary>
    public bool ReadsAllWorkingCopies => IsSignedIn
        && (Roles.Contains(Users.Roles.Administrator) || Roles.Contains(Users.Roles.Official) || Roles.Contains(Users.Roles.Politician));

    public bool CanReadWorkingCopyOf(int organisationId) =>
        ReadsAllWorkingCopies || CanEditPlansOf(organisationId);

    /// <summary>A secretary edits only their own organisations' plans; an administrator edits all.</summary>
    public bool CanEditPlansOf(int organisationId) =>
        IsAdministrator || (IsSignedIn && Roles.Contains(Users.Roles.Secretary) && OrganisationIds.Contains(organisationId));
}
