using Sandviken.Strategy.Domain.Tests.Infrastructure;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Administration;
using Sandviken.Strategy.Domain.Areas;
using Sandviken.Strategy.Domain.Validation;
using Xunit.Abstractions;

namespace Sandviken.Strategy.Domain.Tests.Properties;

/// <summary>Generated cycles, mandate periods, areas and ambitions through <see cref="PlanningAdminService"/>.</summary>
public sealed class PlanningInputProperties(PropertyDatabase fixture, ITestOutputHelper output) : IClassFixture<PropertyDatabase>
{
    private PlanningAdminService Planning => fixture.Services.Planning;

    [Fact]
    public async Task Planning_cycles_are_refused_with_a_message_or_read_back_exactly()
    {
        var inputs = Gen.Select(Generated.Year, Generated.Date, Generated.Date, (year, draft, final) => new CycleInput(year, draft, final));

        var tally = await Property.ForEachAsync(inputs, async input =>
        {
            await Planning.SaveCycleAsync(fixture.Administrator, input, await fixture.Database.CycleTokenAsync(input.BudgetYear));

            var row = (await Planning.ListCyclesAsync(fixture.Administrator)).Single(c => c.BudgetYear == input.BudgetYear);
            Assert.Equal((input.DraftDeadline!.Value, input.FinalDeadline!.Value), (row.DraftDeadline, row.FinalDeadline));
        });

        output.WriteLine(tally.ToString());
        tally.AssertCovered(minimumSaved: 20);
    }

    [Fact]
    public async Task Mandate_periods_are_refused_with_a_message_or_read_back_exactly()
    {
        // Short spans (a real mandate period is four years): one long span saved early would overlap every later input
        // and leave nothing to save and read back. Edge years and ends before starts still come, and are refused.
        var starts = Gen.Frequency((3, Gen.Int[2000, 2100]), (1, Generated.Year));
        var spans = Gen.Select(starts, Gen.Frequency((6, Gen.Int[0, 3]), (1, Gen.Int[-3, -1])), (start, length) => (Start: start, End: start + length));
        var inputs = Gen.Select(Generated.Field(50, savedOneIn: 2), spans, Generated.Date, Generated.Field(200, savedOneIn: 2),
            (name, span, on, by) => new PeriodInput(name, span.Start, span.End, on, by));

        // Periods may not overlap, so only some dozens of the inputs can ever be saved.
        var tally = await Property.ForEachAsync(inputs, async input =>
        {
            var id = await Planning.AddPeriodAsync(fixture.Administrator, input);

            var row = (await Planning.ListPeriodsAsync(fixture.Administrator)).Single(p => p.Id == id);
            Assert.Equal(
                (input.Name.Trim(), input.StartYear, input.EndYear, input.AreasDecidedOn!.Value, input.AreasDecidedBy.Trim()),
                (row.Name, row.StartYear, row.EndYear, row.AreasDecidedOn, row.AreasDecidedBy));
        });

        output.WriteLine(tally.ToString());
        tally.AssertCovered(minimumSaved: 5);
    }

    [Fact]
    public async Task New_areas_are_refused_with_a_message_or_read_back_exactly()
    {
        var periodId = await PeriodIdAsync();
        var tally = await Property.ForEachAsync(Areas(), async input =>
        {
            var id = await Planning.AddAreaAsync(fixture.Administrator, periodId, input);

            await AssertReadBackAsync(id, input);
        });

        output.WriteLine(tally.ToString());
        tally.AssertCovered();
    }

    [Fact]
    public async Task Changed_areas_are_refused_with_a_message_or_read_back_exactly()
    {
        var areaId = fixture.AreaIds[^1];
        var tally = await Property.ForEachAsync(Areas(), async input =>
        {
            await Planning.UpdateAreaAsync(fixture.Administrator, areaId, await fixture.Database.AreaTokenAsync(areaId), input);

            await AssertReadBackAsync(areaId, input);
        });

        output.WriteLine(tally.ToString());
        tally.AssertCovered();
    }

    [Fact]
    public async Task Ambitions_are_refused_with_a_message_or_read_back_exactly()
    {
        var areaId = fixture.AreaIds[0];
        var ambitionId = await Planning.SaveAmbitionAsync(fixture.Administrator, areaId, null, null, new AmbitionInput("50 000 invånare", 50_000m, "invånare", 2030, "N01951"));
        var inputs = Gen.Select(
            Generated.Field(500, savedOneIn: 2), Generated.OptionalNumber, Generated.OptionalText, Generated.OptionalYear, Generated.KpiId,
            Gen.Frequency((9, Gen.Const((int?)ambitionId)), (1, Gen.Const((int?)null)), (1, Gen.Int.Select(i => (int?)i))),
            (text, value, unit, year, kpi, id) => (Input: new AmbitionInput(text, value, unit, year, kpi), Id: id));

        var tally = await Property.ForEachAsync(inputs, async generated =>
        {
            var (input, id) = generated;
            var savedId = await Planning.SaveAmbitionAsync(fixture.Administrator, areaId, id, id is { } existing ? await fixture.Database.AmbitionTokenAsync(existing) : null, input);

            var area = (await Planning.ListPeriodsAsync(fixture.Administrator)).SelectMany(p => p.Areas).Single(a => a.Id == areaId);
            var row = area.Ambitions.Single(a => a.Id == savedId);
            Assert.Equal(
                (input.Text.Trim(), input.TargetValue, string.IsNullOrWhiteSpace(input.Unit) ? null : input.Unit.Trim(), input.TargetYear,
                    string.IsNullOrWhiteSpace(input.KoladaKpiId) ? null : input.KoladaKpiId.Trim().ToUpperInvariant()),
                (row.Text, row.TargetValue, row.Unit, row.TargetYear, row.KoladaKpiId));
        });

        output.WriteLine(tally.ToString());
        tally.AssertCovered();
    }

    private static Gen<AreaInput> Areas() => Gen.Select(
        Generated.Field(FieldLimits.AreaTitleMaxLength, savedOneIn: 2),
        Generated.Field(FieldLimits.AreaLeadMaxLength, savedOneIn: 2),
        Generated.OptionalText,
        (title, lead, body) => new AreaInput(title, lead, body));

    private async Task<int> PeriodIdAsync()
    {
        await using var db = fixture.Database.CreateDbContext();
        return await db.StrategicAreas.Where(a => a.Id == fixture.AreaIds[0]).Select(a => a.MandatePeriodId).SingleAsync();
    }

    private async Task AssertReadBackAsync(int areaId, AreaInput input)
    {
        await using var db = fixture.Database.CreateDbContext();
        var slug = await db.StrategicAreas.Where(a => a.Id == areaId).Select(a => a.Slug).SingleAsync();
        var (lookup, page) = await new AreaPageReader(fixture.Database, fixture.Database.Clock, fixture.Database.Snapshots).ReadAsync(slug, PropertyDatabase.BudgetYear);
        Assert.Equal(AreaPageLookup.Found, lookup);
        Assert.Equal((input.Title.Trim(), input.Lead.Trim()), (page!.Title, page.Lead));
        // The page splits the body into paragraphs; the administration's list shows it whole (with many areas, the column itself).
        var body = areaId == fixture.AreaIds[^1]
            ? (await Planning.ListPeriodsAsync(fixture.Administrator)).SelectMany(p => p.Areas).Single(a => a.Id == areaId).Body
            : await db.StrategicAreas.Where(a => a.Id == areaId).Select(a => a.Body).SingleAsync();
        Assert.Equal(string.IsNullOrWhiteSpace(input.Body) ? "" : input.Body.Trim(), body);
    }
}
