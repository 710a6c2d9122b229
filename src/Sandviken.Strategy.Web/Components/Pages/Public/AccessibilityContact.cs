namespace Sandviken.Strategy.Web.Components.Pages.Public;

/// <summary>
/// Where visitors report accessibility problems, from configuration (<c>Accessibility:ContactEmail</c>,
/// <c>ContactPhone</c>, <c>ContactUrl</c>): the law on accessible digital public services requires the statement
/// to give a way to reach the municipality, and only the municipality knows which one.
/// </summary>
public sealed record AccessibilityContact(string? Email, string? Phone, string? Url)
{
    public bool IsEmpty => Email is null && Phone is null && Url is null;

    public static AccessibilityContact From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Accessibility");
        return new(Value(section["ContactEmail"]), Value(section["ContactPhone"]), Value(section["ContactUrl"]));
    }

    private static string? Value(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
