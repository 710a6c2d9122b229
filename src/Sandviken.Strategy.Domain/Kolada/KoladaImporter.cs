using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Access;
using Sandviken.Strategy.Domain.Areas;
using Sandviken.Strategy.Domain.Auditing;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Plans;
using Sandviken.Strategy.Domain.Validation;

namespace Sandviken.Strategy.Domain.Kolada;

/// <summary>What an import stored, and which requested values Kolada does not have yet.</summary>
/// <param name="KpiIds">The key figures in use that the answer held values (or gaps) for.</param>
/// <param name="KpisInUse">Every key figure that an indicator or ambition names.</param>
public sealed record KoladaImportResult(int Added, int Updated, IReadOnlyList<KoladaGap> Missing, IReadOnlyList<string> KpiIds, IReadOnlyList<string> KpisInUse)
{
    public static readonly KoladaImportResult NothingInUse = new(0, 0, [], [], []);

    public string Summary =>
        KpisInUse.Count == 0 ? "Inga indikatorer eller målbilder har något Kolada-id. Inget hämtades."
        : KpiIds.Count == 0 ? $"Svaret innehöll inga värden för kommunen och de Kolada-id som används ({string.Join(", ", KpisInUse)}). Inget har ändrats."
        : $"Nya värden: {Added}. Ändrade värden: {Updated}. Kolada-id: {string.Join(", ", KpiIds)}."
          + (Missing.Count == 0 ? "" : $" Kolada saknar värde för {string.Join(", ", Missing.Select(m => $"{m.Kpi} {m.Period}"))}.");
}

public sealed record KoladaImportEntry(DateTime AtUtc, string User, string? Details);

public sealed record KoladaOverview(
    string MunicipalityId,
    Uri BaseAddress,
    IReadOnlyList<(string Kpi, int Indicators, int Ambitions)> Kpis,
    KoladaImportEntry? LastImport);

/// <summary>
/// Imports the values of every indicator and ambition that has a Kolada KPI id: from the API (on demand by an
/// administrator, or on a schedule) or from a JSON file in Kolada's shape. Everything is fetched and read first;
/// only then are the values stored, in one transaction, so a failure stores nothing.
/// </summary>
public sealed class KoladaImporter(
    IDbContextFactory<StrategyDbContext> dbFactory,
    ActorLoader actors,
    TimeProvider time,
    KoladaOptions options,
    Func<KoladaClient> clientFactory)
{
    public const string Source = "Kolada";
    public const string ScheduleUser = "system (schemalagd Kolada-hämtning)";

    /// <summary>The first year a value may be for, as for values entered by hand; the last is this year.</summary>
    public const int FirstYear = 1900;

    /// <summary>How many years back an import asks for.</summary>
    public const int YearsBack = 10;

    public async Task<KoladaImportResult> ImportFromApiAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var actor = await AuthoriseAsync(user, "ImportKolada", ct);
        return await FetchAndStoreAsync(actor.UserName, ct);
    }

    /// <summary>The background service's import: no user, the schedule is the administrator's configuration.</summary>
    public Task<KoladaImportResult> ImportOnScheduleAsync(CancellationToken ct = default) => FetchAndStoreAsync(ScheduleUser, ct);

    /// <summary>For machines without internet: the same JSON as the API's, saved to a file.</summary>
    public async Task<KoladaImportResult> ImportFromFileAsync(ClaimsPrincipal user, Stream json, CancellationToken ct = default)
    {
        var actor = await AuthoriseAsync(user, "ImportKoladaFile", ct);
        var series = KoladaJson.Parse(json);
        var kpis = await KpiTargetsAsync(ct);
        if (kpis.Count == 0)
        {
            return KoladaImportResult.NothingInUse;
        }

        return await StoreAsync(actor.UserName, series, kpis, ct);
    }

    /// <summary>The KPI ids in use and the latest import, for the administration page.</summary>
    public async Task<KoladaOverview> ReadOverviewAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        await AuthoriseAsync(user, "ReadKolada", ct);
        var kpis = await KpiTargetsAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var last = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == AuditActions.KoladaImport)
            .OrderByDescending(a => a.Id)
            .Select(a => new KoladaImportEntry(a.AtUtc, a.User, a.After))
            .FirstOrDefaultAsync(ct);
        return new KoladaOverview(
            options.MunicipalityId,
            options.BaseAddress,
            [.. kpis.OrderBy(k => k.Key).Select(k => (k.Key, k.Value.Indicators.Count, k.Value.Ambitions.Count))],
            last);
    }

    private async Task<KoladaImportResult> FetchAndStoreAsync(string userName, CancellationToken ct)
    {
        var kpis = await KpiTargetsAsync(ct);
        if (kpis.Count == 0)
        {
            return KoladaImportResult.NothingInUse;
        }

        var thisYear = Planning.PlanningCalendar.Today(time).Year;
        var years = Enumerable.Range(thisYear - YearsBack, YearsBack + 1).ToList();
        var series = await clientFactory().GetValuesAsync([.. kpis.Keys.Order()], options.MunicipalityId, years, ct, options.MaxRowsPerImport);
        return await StoreAsync(userName, series, kpis, ct);
    }

    private async Task<Actor> AuthoriseAsync(ClaimsPrincipal user, string operation, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actor = await actors.LoadAsync(db, user, ct);
        return actor.IsAdministrator
            ? actor
            : throw actors.Refuse(actor, operation, "Kolada", null, "Bara en administratör kan hämta värden från Kolada.");
    }

    /// <summary>KPI id → the indicators and ambitions it measures.</summary>
    private async Task<Dictionary<string, (List<int> Indicators, List<int> Ambitions)>> KpiTargetsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var indicators = await db.Indicators.AsNoTracking().Where(i => i.KoladaKpiId != null).Select(i => new { i.Id, Kpi = i.KoladaKpiId! }).ToListAsync(ct);
        var ambitions = await db.AreaAmbitions.AsNoTracking().Where(a => a.KoladaKpiId != null).Select(a => new { a.Id, Kpi = a.KoladaKpiId! }).ToListAsync(ct);
        return indicators.Select(i => i.Kpi).Concat(ambitions.Select(a => a.Kpi)).Distinct().ToDictionary(
            kpi => kpi,
            kpi => (indicators.Where(i => i.Kpi == kpi).Select(i => i.Id).ToList(), ambitions.Where(a => a.Kpi == kpi).Select(a => a.Id).ToList()));
    }

    /// <summary>
    /// Keeps the rows for this municipality and the key figures in use, and refuses the whole answer or file when one of
    /// them breaks the rules of manual entry (a value that does not fit decimal(18,4), a year outside 1900 to this
    /// year) or when there are more than <see cref="KoladaOptions.MaxRowsPerImport"/>: nothing is stored then.
    /// </summary>
    private KoladaSeries Checked(KoladaSeries series, Dictionary<string, (List<int> Indicators, List<int> Ambitions)> kpis)
    {
        // A gap names no municipality (the API is asked for this one only): a file's gaps count once per key figure and year.
        var values = series.Values.Where(v => v.Municipality == options.MunicipalityId && kpis.ContainsKey(v.Kpi)).ToList();
        var missing = series.Missing.Where(m => kpis.ContainsKey(m.Kpi)).Distinct().ToList();
        if (values.Count + missing.Count > options.MaxRowsPerImport)
        {
            throw KoladaClient.TooManyRows(options.MaxRowsPerImport);
        }

        var thisYear = Planning.PlanningCalendar.Today(time).Year;
        var yearProblems = values.Select(v => (v.Kpi, v.Period)).Concat(missing.Select(m => (m.Kpi, m.Period)))
            .Where(row => row.Period < FirstYear || row.Period > thisYear)
            .Select(row => $"{row.Kpi} år {row.Period.ToString(CultureInfo.InvariantCulture)}: året ska vara mellan {FirstYear} och {thisYear}.");
        var valueProblems = values.Where(v => !StoredNumbers.Fits(v.Value))
            .Select(v => $"{v.Kpi} år {v.Period.ToString(CultureInfo.InvariantCulture)}: {StoredNumbers.Message}");
        var problems = yearProblems.Concat(valueProblems).ToList();
        if (problems.Count > 0)
        {
            const int Shown = 5;
            throw new KoladaException(
                $"Inget har ändrats: {FieldLimits.Grouped(problems.Count)} {(problems.Count == 1 ? "värde" : "värden")} i svaret går inte att lagra. "
                + string.Join(" ", problems.Take(Shown))
                + (problems.Count > Shown ? $" Och {FieldLimits.Grouped(problems.Count - Shown)} till." : ""));
        }

        return new KoladaSeries(values, missing);
    }

    private async Task<KoladaImportResult> StoreAsync(
        string userName, KoladaSeries answer, Dictionary<string, (List<int> Indicators, List<int> Ambitions)> kpis, CancellationToken ct)
    {
        var series = Checked(answer, kpis);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var indicatorIds = kpis.Values.SelectMany(k => k.Indicators).ToList();
        var ambitionIds = kpis.Values.SelectMany(k => k.Ambitions).ToList();
        var measurements = await db.Measurements.Where(m => m.Source == Source && indicatorIds.Contains(m.IndicatorId)).ToListAsync(ct);
        var ambitionMeasurements = await db.AmbitionMeasurements.Where(m => m.Source == Source && ambitionIds.Contains(m.AreaAmbitionId)).ToListAsync(ct);
        var outcomes = new List<Upserted>();

        // A key figure that was not asked for is ignored; the same figure and year twice counts once (the last).
        var values = series.Values
            .Where(v => kpis.ContainsKey(v.Kpi))
            .GroupBy(v => (v.Kpi, v.Period))
            .Select(g => g.Last());
        foreach (var value in values)
        {
            var period = value.Period.ToString(CultureInfo.InvariantCulture);
            outcomes.AddRange(kpis[value.Kpi].Indicators.Select(indicatorId => Upsert(
                db.Measurements, measurements, indicatorId, period, value.Value, now,
                () => new Measurement { IndicatorId = indicatorId, Period = period, Source = Source })));
            outcomes.AddRange(kpis[value.Kpi].Ambitions.Select(ambitionId => Upsert(
                db.AmbitionMeasurements, ambitionMeasurements, ambitionId, period, value.Value, now,
                () => new AmbitionMeasurement { AreaAmbitionId = ambitionId, Period = period, Source = Source })));
        }

        var answered = series.Values.Select(v => v.Kpi).Concat(series.Missing.Select(m => m.Kpi)).Where(kpis.ContainsKey).Distinct().Order();
        var result = new KoladaImportResult(
            outcomes.Count(o => o == Upserted.Added), outcomes.Count(o => o == Upserted.Updated), series.Missing, [.. answered], [.. kpis.Keys.Order()]);
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = now,
            User = userName,
            Action = AuditActions.KoladaImport,
            Entity = "Kolada",
            EntityId = options.MunicipalityId,
            After = System.Text.Json.JsonSerializer.Serialize(new { result.Added, result.Updated, Missing = result.Missing.Count, result.KpiIds }),
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// Stores Kolada's value of one indicator or ambition for a period: adds it, or updates the stored one in place
    /// (an unchanged value only gets its new fetch time). One method for both kinds of value.
    /// </summary>
    /// <param name="stored">The Kolada values already stored for what is imported, of this kind.</param>
    /// <param name="create">A new value of this kind for <paramref name="measuredId"/> and the period, from Kolada.</param>
    internal static Upserted Upsert<T>(DbSet<T> set, IReadOnlyList<T> stored, int measuredId, string period, decimal value, DateTime now, Func<T> create)
        where T : class, IMeasuredValue
    {
        var existing = stored.SingleOrDefault(m => m.MeasuredId == measuredId && m.Period == period);
        if (existing is null)
        {
            var added = create();
            (added.Value, added.FetchedAtUtc) = (value, now);
            set.Add(added);
            return Upserted.Added;
        }

        var changed = existing.Value != value;
        (existing.Value, existing.FetchedAtUtc) = (value, now);
        return changed ? Upserted.Updated : Upserted.Unchanged;
    }

    internal enum Upserted
    {
        Added,
        Updated,
        Unchanged,
    }
}
