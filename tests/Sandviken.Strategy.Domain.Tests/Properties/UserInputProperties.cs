using Sandviken.Strategy.Domain.Tests.Infrastructure;
using CsCheck;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Sandviken.Strategy.Domain.Administration;
using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Domain.Users;
using Xunit.Abstractions;

namespace Sandviken.Strategy.Domain.Tests.Properties;

/// <summary>Generated accounts (name, e-mail address, roles) through <see cref="UserAdminService"/>, read back from its list.</summary>
public sealed class UserInputProperties(PropertyDatabase fixture, ITestOutputHelper output) : IClassFixture<PropertyDatabase>
{
    private static readonly Gen<string> Emails = Gen.Frequency(
        (2, Generated.AnyText),
        (2, Gen.Select(Generated.Text, Gen.OneOf("@sandviken.se", "@exempel.test", "@", "@@x.se", "@xn--sandvikn-5za.se", "@sandvikén.se", "@[127.0.0.1]"), (local, domain) => local + domain)),
        (1, Gen.Select(Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789._+-"], 1, 20], Gen.OneOf("@sandviken.se", "@exempel.test"), (local, domain) => local + domain)),
        (1, Gen.OneOf("a@b.se\r\nadmin@sandviken.example signed in", " anna@sandviken.se ", "anna@sandviken.se\0", "\"a b\"@sandviken.se", "anna.@sandviken.se", new string('a', 250) + "@sandviken.se")));

    private static readonly Gen<IReadOnlyList<string>> RoleLists = Gen.Frequency(
        (6, Gen.OneOf([.. Roles.All]).Array[1, 3].Select(r => (IReadOnlyList<string>)r)),
        (1, Gen.Const((IReadOnlyList<string>)[])),
        (1, Generated.AnyText.Array[1, 2].Select(r => (IReadOnlyList<string>)r)));

    [Fact]
    public async Task New_accounts_are_refused_with_a_message_or_read_back_exactly()
    {
        var users = Users();
        var organisations = await OrganisationListsAsync();
        // Passwords mostly too short, so that a sample of the inputs is saved.
        var passwords = Gen.Frequency((6, Generated.AnyText.Select(t => t.Length > 11 ? t[..11] : t)), (1, Generated.AnyText));
        var inputs = Gen.Select(Emails, Generated.Field(200, savedOneIn: 2), passwords, RoleLists, organisations,
            (email, name, password, roles, ids) => new NewUserInput(email, name, password, roles, ids));

        var tally = await Property.ForEachAsync(inputs, async input =>
        {
            var id = await users.CreateAsync(fixture.Administrator, input);

            var row = (await users.ListAsync(fixture.Administrator)).Single(u => u.Id == id);
            Assert.Equal((input.Email.Trim(), input.DisplayName.Trim()), (row.Email, row.DisplayName));
            Assert.Equal(input.Roles.Distinct().Order(), row.Roles.Order());
            Assert.Equal(input.OrganisationIds.Distinct().Order(), row.OrganisationIds.Order());
        });

        output.WriteLine(tally.ToString());
        tally.AssertCovered(minimumSaved: 20);
    }

    [Fact]
    public async Task Changed_accounts_are_refused_with_a_message_or_read_back_exactly()
    {
        var users = Users();
        var organisations = await OrganisationListsAsync();
        var id = await users.CreateAsync(fixture.Administrator, new NewUserInput("andras@sandviken.se", "Ändras", "ett långt lösenord", [Roles.Official], []));
        var inputs = Gen.Select(Generated.Field(200, savedOneIn: 3), Gen.Bool, RoleLists, organisations, (name, active, roles, ids) => new UserInput(name, active, roles, ids));

        var tally = await Property.ForEachAsync(inputs, async input =>
        {
            await users.UpdateAsync(fixture.Administrator, id, await fixture.Database.UserTokenAsync(id), input);

            var row = (await users.ListAsync(fixture.Administrator)).Single(u => u.Id == id);
            Assert.Equal((input.DisplayName.Trim(), input.IsActive), (row.DisplayName, row.IsActive));
            Assert.Equal(input.Roles.Distinct().Order(), row.Roles.Order());
            Assert.Equal(input.OrganisationIds.Distinct().Order(), row.OrganisationIds.Order());
        });

        output.WriteLine(tally.ToString());
        tally.AssertCovered();
    }

    /// <summary>The real service with a one-round password hash: hashing is not what these tests are about.</summary>
    private UserAdminService Users()
    {
        var hasher = new PasswordHasher<PortalUser>(Options.Create(new PasswordHasherOptions { IterationCount = 1 }));
        return new UserAdminService(fixture.Database, fixture.Services.Actors, fixture.Database.Clock, hasher, new UpperInvariantLookupNormalizer());
    }

    private async Task<Gen<IReadOnlyList<int>>> OrganisationListsAsync()
    {
        var organisationId = await fixture.Services.Organisations.AddAsync(
            fixture.Administrator, new OrganisationInput("Kontonämnden " + Guid.NewGuid(), OrganisationKind.Committee, null, true));
        return Gen.Frequency(
            (3, Gen.Const((IReadOnlyList<int>)[])),
            (3, Gen.Const((IReadOnlyList<int>)[organisationId])),
            (1, Gen.Int.Array[1, 2].Select(ids => (IReadOnlyList<int>)ids)));
    }
}
