using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Data;

namespace Sandviken.Strategy.Domain.Workspace;

/// <summary>
/// The names of the people behind stored user names. The audit log, decisions and follow-ups keep the user name
/// (the e-mail address) they were written with, which never changes; a reader shows the person's name instead,
/// and the user name itself when there is no such account (the seed's "system (startdata)") or it has no name.
/// </summary>
internal sealed class PeopleNames
{
    private readonly Dictionary<string, string> names;

    private PeopleNames(Dictionary<string, string> names) => this.names = names;

    public static async Task<PeopleNames> ReadAsync(StrategyDbContext db, IEnumerable<string> userNames, CancellationToken ct)
    {
        var wanted = userNames.Distinct(StringComparer.Ordinal).ToList();
        var found = wanted.Count == 0
            ? []
            : await db.Users.AsNoTracking()
                .Where(u => u.UserName != null && wanted.Contains(u.UserName) && u.DisplayName != "")
                .Select(u => new { UserName = u.UserName!, u.DisplayName })
                .ToListAsync(ct);
        return new PeopleNames(found
            .Where(u => !string.IsNullOrWhiteSpace(u.DisplayName))
            .GroupBy(u => u.UserName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().DisplayName.Trim(), StringComparer.Ordinal));
    }

    public string Of(string userName) => names.GetValueOrDefault(userName, userName);
}
