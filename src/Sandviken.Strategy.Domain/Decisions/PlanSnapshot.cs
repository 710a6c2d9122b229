using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sandviken.Strategy.Domain.Plans;

namespace Sandviken.Strategy.Domain.Decisions;

/// <summary>The content of a frozen <see cref="PlanVersion"/>: what was decided, as it read on the day.</summary>
public sealed record PlanSnapshot(
    string OrganisationSlug,
    string OrganisationName,
    int BudgetYear,
    IReadOnlyList<GoalSnapshot> Goals)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // Keep å, ä and ö readable in the stored JSON.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Builds the snapshot of a plan from the given goals (with their areas and indicators loaded).</summary>
    public static PlanSnapshot Of(Plan plan, IEnumerable<Goal> goals) => new(
        plan.Organisation.Slug,
        plan.Organisation.Name,
        plan.BudgetYear,
        [.. goals
            .OrderBy(g => g.SortOrder).ThenBy(g => g.Id)
            .Select(g => new GoalSnapshot(
                g.Id,
                g.Title,
                g.Description,
                [.. g.Areas
                    .Select(a => a.StrategicArea)
                    .OrderBy(a => a.SortOrder)
                    .Select(a => new AreaReference(a.Slug, a.Title))],
                [.. g.Indicators
                    .OrderBy(i => i.SortOrder).ThenBy(i => i.Id)
                    .Select(i => new IndicatorSnapshot(
                        i.Name, i.Unit, i.Direction, i.BaselineValue, i.BaselineYear, i.TargetValue, i.TargetYear, i.KoladaKpiId, i.Id))]))]);

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static PlanSnapshot FromJson(string json) =>
        JsonSerializer.Deserialize<PlanSnapshot>(json, JsonOptions)
        ?? throw new InvalidOperationException("A plan version holds no content.");

    public static string Sha256Of(string content) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}

/// <summary>A goal as decided. <see cref="GoalId"/> ties versions of the same goal together for comparisons.</summary>
public sealed record GoalSnapshot(
    int GoalId,
    string Title,
    string? Description,
    IReadOnlyList<AreaReference> Areas,
    IReadOnlyList<IndicatorSnapshot> Indicators);

public sealed record AreaReference(string Slug, string Title);

/// <param name="IndicatorId">Ties the decided indicator to its measurements (0 in versions frozen before ids were kept).</param>
public sealed record IndicatorSnapshot(
    string Name,
    string Unit,
    IndicatorDirection Direction,
    decimal? BaselineValue,
    int? BaselineYear,
    decimal? TargetValue,
    int? TargetYear,
    string? KoladaKpiId,
    int IndicatorId = 0);
