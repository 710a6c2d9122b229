using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Domain.Planning;
using Sandviken.Strategy.Domain.Plans;
using Sandviken.Strategy.Domain.Seeding;
using Sandviken.Strategy.Domain.Tests.Infrastructure;

namespace Sandviken.Strategy.Domain.Tests.Seeding;

public sealed class SeedLoaderTests
{
    private static readonly string[] AreaSlugs =
        ["vaxa-for-framtiden", "minskad-klimatpaverkan", "utbildning-som-gor-skillnad", "en-kommun-att-trivas-i"];

    [Fact]
    public async Task Seed_loads_the_mandate_period_and_the_council_decision_of_20_February_2023()
    {
        await using var database = await TestDatabase.CreateSeededAsync();
        await using var db = database.CreateDbContext();

        var period = await db.MandatePeriods.Include(p => p.Municipality).SingleAsync();
        Assert.Equal((2023, 2026), (period.StartYear, period.EndYear));
        Assert.Equal(new DateOnly(2023, 2, 20), period.AreasDecidedOn);
        Assert.Equal("Kommunfullmäktige", period.AreasDecidedBy);
        Assert.Equal(("2181", "Sandvikens kommun"), (period.Municipality.Code, period.Municipality.Name));
        Assert.True(period.Municipality.VisionIsIncomplete);
    }

    [Fact]
    public async Task Seed_loads_the_four_areas_in_order_with_the_councils_full_text()
    {
        await using var database = await TestDatabase.CreateSeededAsync();
        await using var db = database.CreateDbContext();
        // The municipality's web page, kept in the repository as the source of the seed text.
        var source = await File.ReadAllTextAsync(Path.Combine(SeedFiles.RepositoryRoot(), "docs", "sources", "sandviken-strategiska-omraden.txt"));

        var areas = await db.StrategicAreas.OrderBy(a => a.SortOrder).ToListAsync();

        Assert.Equal(AreaSlugs, areas.Select(a => a.Slug));
        Assert.Equal(
            ["Växa för framtiden", "Minskad klimatpåverkan", "Utbildning som gör skillnad", "En kommun att trivas i – bra livsmiljö"],
            areas.Select(a => a.Title));
        Assert.All(areas, a => Assert.True(a.Lead.Length > 100 && a.Body.Length > 50, a.Slug));
        Assert.Contains("50 000 invånare", areas[0].Lead, StringComparison.Ordinal);
        Assert.Contains("klimatneutrala år 2030", areas[1].Lead, StringComparison.Ordinal);
        Assert.All(areas, a => Assert.Contains(a.Lead, source, StringComparison.Ordinal));
        Assert.All(areas, a => Assert.Contains(a.Body, source, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Seed_loads_both_ambitions_with_their_Kolada_key_figures()
    {
        await using var database = await TestDatabase.CreateSeededAsync();
        await using var db = database.CreateDbContext();

        var ambitions = await db.AreaAmbitions
            .Select(a => new { a.StrategicArea.Slug, a.Text, a.KoladaKpiId, a.TargetValue, a.TargetYear })
            .ToListAsync();

        Assert.Equal(2, ambitions.Count);
        Assert.Contains(ambitions, a => a is { Slug: "vaxa-for-framtiden", Text: "50 000 invånare", KoladaKpiId: "N01951", TargetValue: 50000m });
        Assert.Contains(ambitions, a => a is { Slug: "minskad-klimatpaverkan", Text: "klimatneutrala 2030", KoladaKpiId: "N00401", TargetYear: 2030 });
    }

    [Fact]
    public async Task Seed_loads_cycles_for_2024_to_2026_with_deadlines_at_the_end_of_April_and_September_of_the_year_before()
    {
        await using var database = await TestDatabase.CreateSeededAsync();
        await using var db = database.CreateDbContext();

        var cycles = await db.PlanningCycles.OrderBy(c => c.BudgetYear).ToListAsync();

        Assert.Equal([2024, 2025, 2026], cycles.Select(c => c.BudgetYear));
        Assert.All(cycles, c =>
        {
            Assert.Equal(new DateOnly(c.BudgetYear - 1, 4, 30), c.DraftDeadline);
            Assert.Equal(new DateOnly(c.BudgetYear - 1, 9, 30), c.FinalDeadline);
        });
    }

    [Fact]
    public async Task A_second_seed_adds_nothing()
    {
        await using var database = await TestDatabase.CreateSeededAsync();
        var before = await CountRowsAsync(database);

        var second = await database.SeedAsync();

        Assert.False(second.AddedAnything);
        Assert.Equal(before, await CountRowsAsync(database));
    }

    [Fact]
    public async Task Seed_does_not_overwrite_what_an_administrator_changed()
    {
        await using var database = await TestDatabase.CreateSeededAsync();
        await using (var db = database.CreateDbContext())
        {
            var area = await db.StrategicAreas.SingleAsync(a => a.Slug == "vaxa-for-framtiden");
            area.Title = "Växa för framtiden (reviderad)";
            await db.SaveChangesAsync();
        }

        await database.SeedAsync();

        await using var check = database.CreateDbContext();
        Assert.Equal("Växa för framtiden (reviderad)", (await check.StrategicAreas.SingleAsync(a => a.Slug == "vaxa-for-framtiden")).Title);
        Assert.Equal(4, await check.StrategicAreas.CountAsync());
    }

    [Fact]
    public async Task Demo_content_is_flagged_and_has_committees_and_companies_under_the_parent_company()
    {
        await using var database = await TestDatabase.CreateSeededAsync();
        await using var db = database.CreateDbContext();

        var organisations = await db.Organisations.Include(o => o.Parent).ToListAsync();

        Assert.All(organisations, o => Assert.True(o.IsDemo, o.Slug));
        Assert.Contains(organisations, o => o is { Slug: "kunskapsnamnden", Kind: OrganisationKind.Committee });
        var parent = Assert.Single(organisations, o => o.Slug == "sandvikens-stadshus-ab");
        Assert.Equal(OrganisationKind.Company, parent.Kind);
        Assert.Equal(
            ["sandviken-energi-ab", "sandvikenhus-ab"],
            organisations.Where(o => o.Parent?.Slug == "sandvikens-stadshus-ab").Select(o => o.Slug).Order());
    }

    [Fact]
    public async Task Demo_plans_for_2024_and_2025_have_both_decisions_and_2026_is_partly_decided()
    {
        await using var database = await TestDatabase.CreateSeededAsync();
        await using var db = database.CreateDbContext();

        var plans = await db.Plans
            .Select(p => new
            {
                p.Organisation.Slug,
                p.BudgetYear,
                p.Status,
                Draft = p.Decisions.Any(d => d.Kind == DecisionKind.Draft),
                Final = p.Decisions.Any(d => d.Kind == DecisionKind.Final),
                Goals = p.Goals.Count,
            })
            .ToListAsync();

        Assert.All(plans.Where(p => p.BudgetYear < 2026), p => Assert.True(p is { Draft: true, Final: true, Status: PlanStatus.Final }, $"{p.Slug} {p.BudgetYear}"));
        var plans2026 = plans.Where(p => p.BudgetYear == 2026).ToList();
        Assert.Contains(plans2026, p => p is { Draft: true, Final: true, Status: PlanStatus.Final });
        Assert.Contains(plans2026, p => p is { Draft: true, Final: false, Status: PlanStatus.DraftDecided });
        Assert.Contains(plans2026, p => p is { Slug: "overformyndarnamnden-i-vastra-gastrikland", Draft: false, Final: false, Status: PlanStatus.Draft });
        Assert.All(plans, p => Assert.True(p.Goals > 0, $"{p.Slug} {p.BudgetYear} has no goals"));
    }

    [Fact]
    public async Task Every_demo_goal_links_to_at_least_one_area_and_some_to_two()
    {
        await using var database = await TestDatabase.CreateSeededAsync();
        await using var db = database.CreateDbContext();

        var areaCounts = await db.Goals.Select(g => g.Areas.Count).ToListAsync();

        Assert.All(areaCounts, count => Assert.True(count >= 1));
        Assert.Contains(areaCounts, count => count >= 2);
        Assert.True(await db.Indicators.AnyAsync());
    }

    [Fact]
    public async Task Frozen_versions_carry_the_SHA256_of_their_content_and_a_draft_can_differ_from_its_final()
    {
        await using var database = await TestDatabase.CreateSeededAsync();
        await using var db = database.CreateDbContext();

        var versions = await db.PlanVersions.ToListAsync();
        Assert.All(versions, v => Assert.Equal(PlanSnapshot.Sha256Of(v.Content), v.ContentSha256));
        Assert.All(versions, v => Assert.Matches("^[0-9a-f]{64}$", v.ContentSha256));

        var decisions = await db.Decisions.Include(d => d.PlanVersion).ToListAsync();
        Assert.All(decisions, d => Assert.Equal(d.Kind, d.PlanVersion.Kind));

        var goalCounts = versions.GroupBy(v => v.PlanId)
            .Where(g => g.Count() == 2)
            .Select(g => g.OrderBy(v => v.Number).Select(v => PlanSnapshot.FromJson(v.Content).Goals.Count).ToArray());
        Assert.Contains(goalCounts, counts => counts[1] > counts[0]);
    }

    [Fact]
    public async Task A_demo_version_is_created_and_recorded_at_midday_in_Stockholm_on_the_day_of_its_decision()
    {
        await using var database = await TestDatabase.CreateSeededAsync();
        await using var db = database.CreateDbContext();

        var decisions = await db.Decisions.Include(d => d.PlanVersion).ToListAsync();

        Assert.NotEmpty(decisions);
        Assert.All(decisions, d =>
        {
            var created = PlanningCalendar.ToStockholmTime(d.PlanVersion.CreatedAtUtc);
            Assert.Equal((d.DecidedOn, new TimeOnly(12, 0)), (DateOnly.FromDateTime(created), TimeOnly.FromDateTime(created)));
            Assert.Equal(d.PlanVersion.CreatedAtUtc, d.RecordedAtUtc);
        });
        // 21 April 2025 is summer time (UTC+2), 20 February 2025 would be winter time (UTC+1).
        Assert.Equal(new DateTime(2025, 4, 21, 10, 0, 0, DateTimeKind.Utc), SeedLoader.DecidedAtUtc(new(2025, 4, 21), database.Clock.GetUtcNow().UtcDateTime));
        Assert.Equal(new DateTime(2025, 2, 20, 11, 0, 0, DateTimeKind.Utc), SeedLoader.DecidedAtUtc(new(2025, 2, 20), database.Clock.GetUtcNow().UtcDateTime));
    }

    [Fact]
    public void A_demo_decision_dated_ahead_is_recorded_now_not_in_the_future()
    {
        var now = new DateTime(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc);

        Assert.Equal(now, SeedLoader.DecidedAtUtc(new(2026, 11, 26), now));
        Assert.Equal(now, SeedLoader.DecidedAtUtc(new(2027, 4, 20), now));
    }

    [Fact]
    public async Task Demo_follow_ups_and_measurements_are_loaded_and_marked_as_invented()
    {
        await using var database = await TestDatabase.CreateSeededAsync();
        await using var db = database.CreateDbContext();

        Assert.True(await db.FollowUps.CountAsync() >= 20);
        Assert.All(await db.FollowUps.ToListAsync(), f => Assert.Equal(SeedLoader.SeedUser, f.RecordedBy));
        Assert.All(await db.FollowUps.Where(f => f.Assessment == Sandviken.Strategy.Domain.FollowUps.Assessment.PartlyMet || f.Assessment == Sandviken.Strategy.Domain.FollowUps.Assessment.NotMet).ToListAsync(),
            f => Assert.False(string.IsNullOrWhiteSpace(f.Comment)));
        var measurements = await db.Measurements.Include(m => m.Indicator).ToListAsync();
        Assert.NotEmpty(measurements);
        Assert.All(measurements, m => Assert.Equal(SeedLoader.DemoSource, m.Source));
        Assert.DoesNotContain(measurements, m => m.Indicator.KoladaKpiId != null);
        Assert.False(await db.AmbitionMeasurements.AnyAsync());
    }

    [Fact]
    public async Task Without_demo_data_there_are_no_organisations_or_plans()
    {
        await using var database = await TestDatabase.CreateSeededAsync(includeDemo: false);
        await using var db = database.CreateDbContext();

        Assert.Equal(4, await db.StrategicAreas.CountAsync());
        Assert.False(await db.Organisations.AnyAsync());
        Assert.False(await db.Plans.AnyAsync());
    }

    [Fact]
    public async Task Seeding_is_audited_once()
    {
        await using var database = await TestDatabase.CreateSeededAsync();
        await database.SeedAsync();
        await using var db = database.CreateDbContext();

        var entry = await db.AuditEntries.SingleAsync();
        Assert.Equal(("Seed", SeedLoader.SeedUser), (entry.Action, entry.User));
        Assert.Contains("\"areas\":4", entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_goal_naming_an_unknown_area_stops_the_seed_and_saves_nothing()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        var demo = SeedFiles.Demo();
        var broken = demo with
        {
            Organisations = [.. demo.Organisations.Select((o, i) => i == 0
                ? o with { Goals = [.. o.Goals!.Select(g => g with { Areas = ["finns-inte"] })] }
                : o)],
        };

        var error = await Assert.ThrowsAsync<InvalidDataException>(
            () => new SeedLoader(database, database.Clock).LoadAsync(SeedFiles.Municipality(), broken));

        Assert.Contains("finns-inte", error.Message, StringComparison.Ordinal);
        await using var db = database.CreateDbContext();
        Assert.False(await db.Municipalities.AnyAsync());
        Assert.False(await db.Organisations.AnyAsync());
    }

    [Fact]
    public void A_malformed_seed_file_gives_a_clear_error()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "{ \"municipality\": ");
            var error = Assert.Throws<InvalidDataException>(() => SeedLoader.ReadMunicipalityFile(file));
            Assert.Contains(file, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<int[]> CountRowsAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        return
        [
            await db.Municipalities.CountAsync(), await db.MandatePeriods.CountAsync(), await db.StrategicAreas.CountAsync(),
            await db.AreaAmbitions.CountAsync(), await db.PlanningCycles.CountAsync(), await db.Organisations.CountAsync(),
            await db.Plans.CountAsync(), await db.Goals.CountAsync(), await db.GoalAreas.CountAsync(), await db.Indicators.CountAsync(),
            await db.Decisions.CountAsync(), await db.PlanVersions.CountAsync(), await db.AuditEntries.CountAsync(),
            await db.FollowUps.CountAsync(), await db.Measurements.CountAsync(),
        ];
    }
}
