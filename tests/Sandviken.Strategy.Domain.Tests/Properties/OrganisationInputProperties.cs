using Sandviken.Strategy.Domain.Tests.Infrastructure;
using CsCheck;
using Sandviken.Strategy.Domain.Administration;
using Sandviken.Strategy.Domain.Organisations;
using Xunit.Abstractions;

namespace Sandviken.Strategy.Domain.Tests.Properties;

/// <summary>Generated organisations through <see cref="OrganisationAdminService"/>, read back from the public organisation page.</summary>
public sealed class OrganisationInputProperties(PropertyDatabase fixture, ITestOutputHelper output) : IClassFixture<PropertyDatabase>
{
    [Fact]
    public async Task New_organisations_are_refused_with_a_message_or_read_back_exactly()
    {
        var inputs = await InputsAsync();

        var tally = await Property.ForEachAsync(inputs, async input =>
        {
            await fixture.Services.Organisations.AddAsync(fixture.Administrator, input);

            await AssertReadBackAsync(Slugs.From(input.Name), input);
        });

        output.WriteLine(tally.ToString());
        tally.AssertCovered();
    }

    [Fact]
    public async Task Changed_organisations_are_refused_with_a_message_or_read_back_exactly()
    {
        var inputs = await InputsAsync();
        var id = await fixture.Services.Organisations.AddAsync(fixture.Administrator, new OrganisationInput("Ändringsbolaget", OrganisationKind.Company, null, true));

        var tally = await Property.ForEachAsync(inputs, async input =>
        {
            await fixture.Services.Organisations.UpdateAsync(fixture.Administrator, id, await fixture.Database.OrganisationTokenAsync(id), input);

            await AssertReadBackAsync("andringsbolaget", input);
        });

        output.WriteLine(tally.ToString());
        tally.AssertCovered();
    }

    private async Task<Gen<OrganisationInput>> InputsAsync()
    {
        var parentId = await fixture.Services.Organisations.AddAsync(fixture.Administrator, new OrganisationInput("Moderbolaget " + Guid.NewGuid(), OrganisationKind.Company, null, true));
        var parents = Gen.Frequency((4, Gen.Const((int?)null)), (2, Gen.Const((int?)parentId)), (1, Gen.Int.Select(i => (int?)i)));
        return Gen.Select(Generated.Field(200, savedOneIn: 3), Generated.EnumValue<OrganisationKind>(), parents, Gen.Bool,
            (name, kind, parent, active) => new OrganisationInput(name, kind, parent, active));
    }

    private async Task AssertReadBackAsync(string slug, OrganisationInput input)
    {
        var page = await new OrganisationPageReader(fixture.Database, fixture.Database.Clock).ReadAsync(slug);
        Assert.NotNull(page);
        Assert.Equal((input.Name.Trim(), input.Kind, input.IsActive), (page.Name, page.Kind, page.IsActive));
        Assert.Equal(input.ParentId is null, page.ParentName is null);
    }
}
