using Sandviken.Strategy.Domain.Areas;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Tests.Infrastructure;

namespace Sandviken.Strategy.Domain.Tests.Areas;

public sealed class AreaPageReaderTests
{
    [Fact]
    public async Task Area_page_defaults_to_the_current_budget_year_and_groups_goals_by_organisation()
    {
        await using var database = await TestDatabase.CreateSeededAsync();

        var (lookup, page) = await new AreaPageReader(database, database.Clock, database.Snapshots).ReadAsync("utbildning-som-gor-skillnad", null);

        Assert.Equal(AreaPageLookup.Found, lookup);
        Assert.Equal("Utbildning som gör skillnad", page!.Title);
        Assert.Equal(2026, page.BudgetYear);
        Assert.Equal([2024, 2025, 2026], page.BudgetYears);
        Assert.Contains(page.Organisations, o => o.Slug == "kunskapsnamnden");
        Assert.Equal(page.Organisations.Count, page.Organisations.Select(o => o.Slug).Distinct().Count());
        Assert.All(page.Organisations, o => Assert.NotEmpty(o.Goals));
        Assert.All(page.Organisations.SelectMany(o => o.Goals), g => Assert.DoesNotContain(g.OtherAreas, a => a.Slug == "utbildning-som-gor-skillnad"));
    }

    [Fact]
    public async Task Area_page_shows_the_latest_decided_version_draft_when_the_final_is_missing()
    {
        await using var database = await TestDatabase.CreateSeededAsync();
        var reader = new AreaPageReader(database, database.Clock, database.Snapshots);

        string[] slugs = ["vaxa-for-framtiden", "minskad-klimatpaverkan", "utbildning-som-gor-skillnad", "en-kommun-att-trivas-i"];
        var organisations = slugs
            .Select(slug => reader.ReadAsync(slug, 2026).Result.Page!)
            .SelectMany(p => p.Organisations)
            .ToList();

        Assert.Contains(organisations, o => o.Slug == "sandviken-energi-ab" && o.VersionKind == DecisionKind.Draft);
        Assert.Contains(organisations, o => o.Slug == "kunskapsnamnden" && o.VersionKind == DecisionKind.Final);
        Assert.DoesNotContain(organisations, o => o.Slug == "overformyndarnamnden-i-vastra-gastrikland");
    }

    [Fact]
    public async Task Year_selects_that_years_plans()
    {
        await using var database = await TestDatabase.CreateSeededAsync();
        var reader = new AreaPageReader(database, database.Clock, database.Snapshots);

        var (_, page2024) = await reader.ReadAsync("en-kommun-att-trivas-i", 2024);
        var (_, page2026) = await reader.ReadAsync("en-kommun-att-trivas-i", 2026);

        Assert.Equal(2024, page2024!.BudgetYear);
        Assert.Contains(page2024.Organisations, o => o.Slug == "overformyndarnamnden-i-vastra-gastrikland");
        Assert.DoesNotContain(page2026!.Organisations, o => o.Slug == "overformyndarnamnden-i-vastra-gastrikland");
    }

    [Theory]
    [InlineData("finns-inte", null, AreaPageLookup.UnknownArea)]
    [InlineData("vaxa-for-framtiden", 1999, AreaPageLookup.UnknownYear)]
    [InlineData("vaxa-for-framtiden", 2023, AreaPageLookup.UnknownYear)]
    [InlineData("vaxa-for-framtiden", 2027, AreaPageLookup.UnknownYear)]
    public async Task Unknown_areas_and_years_are_reported(string slug, int? year, AreaPageLookup expected)
    {
        await using var database = await TestDatabase.CreateSeededAsync();

        var (lookup, page) = await new AreaPageReader(database, database.Clock, database.Snapshots).ReadAsync(slug, year);

        Assert.Equal(expected, lookup);
        Assert.Null(page);
    }
}
