using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Feeds;
using Sandviken.Strategy.Web.OpenData;

namespace Sandviken.Strategy.Web.Feeds;

/// <summary>
/// iCalendar (RFC 5545) of every planning cycle's deadlines, for subscribing from Outlook and other calendars: one all-day
/// event per cycle and kind, whose UID is a name-based UUID of the municipality, budget year and kind, so a moved
/// deadline moves the same event instead of adding one.
/// </summary>
internal static class DeadlineCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static string Write(PlanningDatesModel model, OpenDataOptions options, HttpRequest request, DateTimeOffset now)
    {
        var calendar = new Calendar { ProductId = "-//Sandviken Strategy//Planeringens sista dagar//SV", Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", FeedTexts.CalendarName(model.MunicipalityName));
        calendar.AddProperty("X-WR-CALDESC", "Sista dag för beslut om utkast (april) och slutgiltiga beslut (september) om nämndplaner och bolagens strategiska mål.");
        calendar.AddProperty("X-WR-TIMEZONE", "Europe/Stockholm");
        // How often a subscribing calendar should fetch again (RFC 7986, and Outlook's own property).
        var refresh = new CalendarProperty("REFRESH-INTERVAL", "P1D");
        refresh.Parameters.Add("VALUE", "DURATION");
        calendar.Properties.Add(refresh);
        calendar.AddProperty("X-PUBLISHED-TTL", "P1D");

        var stamp = new CalDateTime(now.UtcDateTime.AddTicks(-(now.UtcDateTime.Ticks % TimeSpan.TicksPerSecond)), "UTC");
        foreach (var cycle in model.Cycles)
        {
            var dashboard = options.Absolute(request, $"/beslutsstatus?ar={cycle.BudgetYear}");
            calendar.Events.Add(Deadline(model.MunicipalityCode, cycle.BudgetYear, DecisionKind.Draft, cycle.DraftDeadline, dashboard, stamp));
            calendar.Events.Add(Deadline(model.MunicipalityCode, cycle.BudgetYear, DecisionKind.Final, cycle.FinalDeadline, dashboard, stamp));
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static CalendarEvent Deadline(string municipalityCode, int budgetYear, DecisionKind kind, DateOnly day, Uri dashboard, CalDateTime stamp)
    {
        var summary = FeedTexts.DeadlineSummary(kind, budgetYear);
        var deadline = new CalendarEvent
        {
            Uid = StableIds.UuidOf($"{municipalityCode}/planering/{budgetYear}/{(kind == DecisionKind.Draft ? "utkast" : "slutgiltigt")}").ToString("D"),
            Summary = summary,
            Description = FeedTexts.DeadlineDescription(kind, budgetYear, dashboard),
            Url = dashboard,
            // All day: a date without a time, ending (exclusively) the next day.
            DtStart = new CalDateTime(day.Year, day.Month, day.Day),
            DtEnd = new CalDateTime(day.AddDays(1).Year, day.AddDays(1).Month, day.AddDays(1).Day),
            DtStamp = stamp,
            // A deadline does not make anyone busy.
            Transparency = TransparencyType.Transparent,
        };
        deadline.Alarms.Add(new Alarm
        {
            Action = AlarmAction.Display,
            Description = $"Om en vecka: {summary.ToLower(Sandviken.Strategy.Domain.Swedish.Culture)}",
            Trigger = new Trigger(Duration.FromDays(-7)),
        });
        return deadline;
    }
}
