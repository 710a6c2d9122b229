using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sandviken.Strategy.Domain;
using Sandviken.Strategy.Domain.FollowUps;
using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Domain.Plans;
using Sandviken.Strategy.Domain.Seeding;

namespace Sandviken.Strategy.Benchmarks;

/// <summary>
/// Writes seed files for 10x data: the municipality file with mandate periods and planning cycles reaching back
/// <c>years</c> budget years, and a demo file with the demo organisations (their plans extended back as well)
/// plus generated committees and companies up to <c>organisations</c>, each with a plan for every year, goals
/// linked to the period's areas, indicators with yearly values, follow-ups and the April and September decisions.
/// The portal's own seed loader (the domain's initialiser at start) turns them into rows, so the plans, goals and
/// frozen PlanVersions (Content from PlanSnapshot, ContentSha256 of it) are made exactly as the domain makes them.
/// </summary>
internal static class DataGenerator
{
    private const int LastBudgetYear = 2026;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = false,
    };

    private static readonly string[] CommitteeNames =
    [
        "Byggnadsnämnden", "Miljönämnden", "Socialnämnden", "Tekniska nämnden", "Gymnasienämnden", "Fritidsnämnden",
        "Valnämnden", "Räddningsnämnden", "Kulturnämnden", "Förskolenämnden", "Vård- och omsorgsnämnden", "Servicenämnden",
        "Integrationsnämnden", "Landsbygdsnämnden", "Trafiknämnden",
    ];

    private static readonly string[] CompanyNames =
    [
        "Bostäder AB", "Energi AB", "Vatten AB", "Fastigheter AB", "Hamn AB", "Näringsliv AB", "Bredband AB",
        "Parkering AB", "Arena AB", "Besöksnäring AB",
    ];

    private static readonly string[] Places =
    [
        "Storvik", "Järbo", "Årsunda", "Kungsgården", "Österfärnebo", "Gysinge", "Jäderfors", "Björksätra", "Hedåsen",
        "Norrsätra", "Åshammar", "Högbo", "Forsbacka", "Valbo", "Ockelbo", "Hofors", "Torsåker", "Ovansjö", "Vall", "Bruket",
    ];

    private static readonly (string Verb, string Object)[] GoalPhrases =
    [
        ("Fler", "invånare är nöjda med verksamhetens service"), ("Kortare", "handläggningstider för ärenden"),
        ("Minskade", "utsläpp från verksamhetens transporter"), ("Högre", "andel elever med godkända betyg"),
        ("Tryggare", "offentliga miljöer i centrum och kransorter"), ("Fler", "unga i arbete eller studier"),
        ("Lägre", "energianvändning i verksamhetens lokaler"), ("Bättre", "tillgänglighet till digitala tjänster"),
        ("Fler", "bostäder i attraktiva lägen"), ("Ökad", "delaktighet för barn och unga"),
        ("Friskare", "medarbetare med lägre sjukfrånvaro"), ("Fler", "besökare till kultur- och fritidsutbud"),
    ];

    private static readonly (string Name, string Unit, IndicatorDirection Direction, decimal Baseline, decimal Step)[] IndicatorKinds =
    [
        ("Nöjd-Kund-Index", "index", IndicatorDirection.Increase, 62, 1.5m),
        ("Handläggningstid i median", "dagar", IndicatorDirection.Decrease, 45, -2),
        ("Andel fossilfria fordon", "procent", IndicatorDirection.Increase, 40, 4),
        ("Sjukfrånvaro", "procent", IndicatorDirection.Decrease, 8.4m, -0.3m),
        ("Energianvändning per kvadratmeter", "kWh/m²", IndicatorDirection.Decrease, 165, -4),
        ("Antal besökare", "antal", IndicatorDirection.Increase, 12000, 450),
        ("Andel elever med godkända betyg", "procent", IndicatorDirection.Increase, 71, 1),
    ];

    private static readonly string[] Comments =
    [
        "Arbetet går enligt plan.", "Utvecklingen har gått åt rätt håll men målnivån nås inte ännu.",
        "Resursbrist under året försenade flera insatser.", "Målet är uppnått med god marginal.",
    ];

    public static (string MunicipalityFile, string DemoFile) Write(string seedFolder, string outFolder, int organisations, int years)
    {
        var firstYear = LastBudgetYear - years + 1;
        var random = new Random(2181);
        var municipality = SeedLoader.ReadMunicipalityFile(Path.Combine(seedFolder, "sandviken.json"));
        var demo = SeedLoader.ReadDemoFile(Path.Combine(seedFolder, "demo.json"));

        // Earlier mandate periods with the same four areas (the same slug may return in a later period), and a
        // planning cycle for every budget year from the first one.
        var current = municipality.MandatePeriods.OrderBy(p => p.StartYear).First();
        var periods = new List<MandatePeriodSeed>(municipality.MandatePeriods);
        for (var start = current.StartYear - 4; start + 3 >= firstYear; start -= 4)
        {
            periods.Insert(0, current with
            {
                Name = $"{start}–{start + 3}",
                StartYear = start,
                EndYear = start + 3,
                AreasDecidedOn = new DateOnly(start, 2, 20),
            });
        }

        var cycles = municipality.PlanningCycles.ToDictionary(c => c.BudgetYear);
        for (var year = firstYear; year <= LastBudgetYear; year++)
        {
            cycles.TryAdd(year, new PlanningCycleSeed(year, new DateOnly(year - 1, 4, 30), new DateOnly(year - 1, 9, 30)));
        }

        municipality = municipality with { MandatePeriods = periods, PlanningCycles = [.. cycles.Values.OrderBy(c => c.BudgetYear)] };
        var areaSlugs = current.Areas.Select(a => a.Slug).ToArray();

        // The demo organisations keep their goals and get a plan for each earlier year too.
        var all = demo.Organisations.Select(o => o with
        {
            Plans = [.. Enumerable.Range(firstYear, years)
                .Where(y => o.Plans?.All(p => p.BudgetYear != y) ?? true)
                .Select(y => Decided(y, o.Name, random, finalTaken: true))
                .Concat(o.Plans ?? [])
                .OrderBy(p => p.BudgetYear)],
        }).ToList();

        var slugs = all.Select(o => o.Slug).ToHashSet();
        var parent = all.First(o => o.Kind == OrganisationKind.Company && o.Parent is null).Slug;
        for (var n = 0; all.Count < organisations; n++)
        {
            var company = n % 5 == 4;
            var place = Places[n / 5 % Places.Length];
            var name = company
                ? $"{place} {CompanyNames[n % CompanyNames.Length]}"
                : $"{CommitteeNames[n % CommitteeNames.Length]} i {place}";
            var slug = Slugs.From(name);
            for (var suffix = 2; !slugs.Add(slug); suffix++)
            {
                name = $"{name.Split(" (")[0]} ({suffix})";
                slug = Slugs.From(name);
            }

            var goals = new List<DemoGoalSeed>();
            foreach (var period in periods.Where(p => p.EndYear >= firstYear && p.StartYear <= LastBudgetYear))
            {
                var from = Math.Max(period.StartYear, firstYear);
                var until = Math.Min(period.EndYear, LastBudgetYear);
                var count = random.Next(3, 6);
                for (var g = 0; g < count; g++)
                {
                    var phrase = GoalPhrases[random.Next(GoalPhrases.Length)];
                    var areas = areaSlugs.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).ToList();
                    goals.Add(new DemoGoalSeed(
                        $"{phrase.Verb} {phrase.Object} ({period.Name})",
                        $"{name} arbetar under mandatperioden {period.Name} för att nå målet genom riktade insatser och uppföljning varje år.",
                        areas,
                        from,
                        until,
                        g == count - 1 && random.Next(4) == 0 ? from : null,
                        [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => Indicator(random, from, until))],
                        [.. Enumerable.Range(from, until - from + 1).SelectMany(y => FollowUpsOf(y, random))]));
                }
            }

            all.Add(new DemoOrganisationSeed(
                slug,
                name,
                company ? OrganisationKind.Company : OrganisationKind.Committee,
                company ? parent : null,
                goals,
                [.. Enumerable.Range(firstYear, years).Select(y => Decided(y, name, random, finalTaken: y < LastBudgetYear || random.Next(5) > 0))]));
        }

        Directory.CreateDirectory(outFolder);
        var municipalityFile = Path.Combine(outFolder, "municipality.json");
        var demoFile = Path.Combine(outFolder, "demo.json");
        File.WriteAllText(municipalityFile, JsonSerializer.Serialize(municipality, JsonOptions));
        File.WriteAllText(demoFile, JsonSerializer.Serialize(new DemoSeed(all), JsonOptions));
        return (municipalityFile, demoFile);
    }

    private static DemoPlanSeed Decided(int year, string organisationName, Random random, bool finalTaken)
    {
        var paragraph = random.Next(10, 120);
        var draft = new DemoDecisionSeed(new DateOnly(year - 1, 4, random.Next(10, 29)), $"§ {paragraph}, dnr {year - 1}/{random.Next(100, 999)}", organisationName);
        var final = finalTaken
            ? new DemoDecisionSeed(new DateOnly(year - 1, 9, random.Next(10, 29)), $"§ {paragraph + 60}, dnr {year - 1}/{random.Next(100, 999)}", organisationName)
            : null;
        return new DemoPlanSeed(year, draft, final);
    }

    private static DemoIndicatorSeed Indicator(Random random, int from, int until)
    {
        var kind = IndicatorKinds[random.Next(IndicatorKinds.Length)];
        var baselineYear = from - 1;
        // Values for the years already over when the benchmark runs (up to 2025), wandering around the trend.
        var values = Enumerable.Range(baselineYear, Math.Min(until, LastBudgetYear - 1) - baselineYear + 1)
            .Select(y => new DemoMeasurementSeed(
                y.ToString(System.Globalization.CultureInfo.InvariantCulture),
                decimal.Round(kind.Baseline + (kind.Step * (y - baselineYear)) + (kind.Step * (decimal)(random.NextDouble() - 0.5)), 1)))
            .ToList();
        return new DemoIndicatorSeed(
            kind.Name, kind.Unit, kind.Direction, kind.Baseline, baselineYear,
            kind.Baseline + (kind.Step * (until - baselineYear + 1)), until, null, values);
    }

    private static IEnumerable<DemoFollowUpSeed> FollowUpsOf(int year, Random random)
    {
        if (year >= LastBudgetYear)
        {
            yield return new DemoFollowUpSeed(year, FollowUpPoint.InterimReport, (Assessment)random.Next(1, 5), Comments[random.Next(Comments.Length)]);
            yield break;
        }

        yield return new DemoFollowUpSeed(year, FollowUpPoint.AnnualReport, (Assessment)random.Next(1, 4), Comments[random.Next(Comments.Length)]);
    }
}
