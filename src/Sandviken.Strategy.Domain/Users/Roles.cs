namespace Sandviken.Strategy.Domain.Users;

/// <summary>The roles of DESIGN.md §4. The names are stored; <see cref="LabelOf"/> gives the Swedish word.</summary>
public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Secretary = "Secretary";
    public const string Official = "Official";
    public const string Politician = "Politician";

    public static readonly IReadOnlyList<string> All = [Administrator, Secretary, Official, Politician];

    public static string LabelOf(string role) => role switch
    {
        Administrator => "Administratör",
        Secretary => "Sekreterare",
        Official => "Tjänsteperson",
        Politician => "Förtroendevald",
        _ => role,
    };
}
