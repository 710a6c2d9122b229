using System.Reflection;

namespace Sandviken.Strategy.Domain.Auditing;

/// <summary>
/// The name of every kind of audited change: one place for the services that write them, the pages that label
/// them and the test that proves each one is written.
/// </summary>
public static class AuditActions
{
    // Plans, under the entity "Plan" (one history per plan).
    public const string PlanCreate = "Plan.Create";
    public const string GoalAdd = "Goal.Add";
    public const string GoalUpdate = "Goal.Update";
    public const string GoalRemove = "Goal.Remove";
    public const string GoalReorder = "Goal.Reorder";
    public const string DecisionRecord = "Decision.Record";
    public const string PlanReopen = "Plan.Reopen";
    public const string FollowUpRecord = "FollowUp.Record";
    public const string MeasurementRecord = "Measurement.Record";

    // Administration, under its own entities.
    public const string CycleAdd = "Cycle.Add";
    public const string CycleUpdate = "Cycle.Update";
    public const string PeriodAdd = "Period.Add";
    public const string AreaAdd = "Area.Add";
    public const string AreaUpdate = "Area.Update";
    public const string AmbitionAdd = "Ambition.Add";
    public const string AmbitionUpdate = "Ambition.Update";
    public const string OrganisationAdd = "Organisation.Add";
    public const string OrganisationUpdate = "Organisation.Update";
    public const string UserCreate = "User.Create";
    public const string UserUpdate = "User.Update";
    public const string UserDeactivate = "User.Deactivate";
    public const string UserSetPassword = "User.SetPassword";
    public const string UserChangeOwnPassword = "User.ChangeOwnPassword";
    public const string UserRemove = "User.Remove";

    // Kolada, by an administrator or the schedule.
    public const string KoladaImport = "Kolada.Import";

    /// <summary>The Swedish words for each action, as the plan's history and the administration show them.</summary>
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        [PlanCreate] = "Skapade planen",
        [GoalAdd] = "Lade till ett mål",
        [GoalUpdate] = "Ändrade ett mål",
        [GoalRemove] = "Tog bort ett mål",
        [GoalReorder] = "Ändrade målens ordning",
        [DecisionRecord] = "Registrerade ett beslut",
        [PlanReopen] = "Öppnade planen för revidering",
        [FollowUpRecord] = "Följde upp ett mål",
        [MeasurementRecord] = "Registrerade ett värde för en indikator",
        [CycleAdd] = "Lade till en planeringsomgång",
        [CycleUpdate] = "Ändrade en planeringsomgång",
        [PeriodAdd] = "Lade till en mandatperiod",
        [AreaAdd] = "Lade till ett strategiskt område",
        [AreaUpdate] = "Ändrade ett strategiskt område",
        [AmbitionAdd] = "Lade till en målbild",
        [AmbitionUpdate] = "Ändrade en målbild",
        [OrganisationAdd] = "Lade till en nämnd eller ett bolag",
        [OrganisationUpdate] = "Ändrade en nämnd eller ett bolag",
        [UserCreate] = "Skapade ett konto",
        [UserUpdate] = "Ändrade ett konto",
        [UserDeactivate] = "Inaktiverade ett konto",
        [UserSetPassword] = "Satte ett nytt lösenord för ett konto",
        [UserChangeOwnPassword] = "Bytte sitt lösenord",
        [UserRemove] = "Tog bort en persons uppgifter",
        [KoladaImport] = "Hämtade värden från Kolada",
    };

    /// <summary>Every constant above.</summary>
    public static IReadOnlySet<string> All { get; } = typeof(AuditActions)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>The Swedish label of an action; an action unknown here (an old entry, a seed) is shown as written.</summary>
    public static string LabelOf(string action) => Labels.GetValueOrDefault(action, action);

    /// <summary>Whether an action has a Swedish label: every constant above must.</summary>
    public static bool HasLabel(string action) => Labels.ContainsKey(action);
}
