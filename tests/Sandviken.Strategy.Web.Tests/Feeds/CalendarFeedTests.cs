using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sandviken.Strategy.Domain.Administration;
using Sandviken.Strategy.Web.Tests.Infrastructure;

namespace Sandviken.Strategy.Web.Tests.Feeds;

/// <summary>/floden/planering.ics, read by npm's ical.js from a real Kestrel portal.</summary>
[Collection(FeedsOnKestrel.Name)]
public sealed class CalendarFeedTests(FeedsPortal portal)
{
    private const string Path = "/floden/planering.ics";

    private async Task<JsonElement> CalendarAsync() =>
        await NodeParsers.ICalendarAsync(await portal.GetBytesAsync(Path, "text/calendar"));

    private static List<JsonElement> Events(JsonElement calendar) => [.. calendar.GetProperty("events").EnumerateArray()];

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Every_planning_cycle_has_an_all_day_event_on_each_deadline()
    {
        var cycles = await portal.WithDbAsync(db => db.PlanningCycles.Select(c => new { c.BudgetYear, c.DraftDeadline, c.FinalDeadline }).ToListAsync());

        var events = Events(await CalendarAsync());

        Assert.NotEmpty(cycles);
        Assert.Equal(2 * cycles.Count, events.Count);
        foreach (var cycle in cycles)
        {
            foreach (var (deadline, summary) in new[]
            {
                (cycle.DraftDeadline, $"Sista dag för beslut om utkast till planer för budgetår {cycle.BudgetYear}"),
                (cycle.FinalDeadline, $"Sista dag för slutgiltiga beslut om planer för budgetår {cycle.BudgetYear}"),
            })
            {
                var deadlineEvent = Assert.Single(events, e => e.GetProperty("summary").GetString() == summary);
                Assert.Equal(Day(deadline), deadlineEvent.GetProperty("start").GetProperty("value").GetString());
                Assert.True(deadlineEvent.GetProperty("start").GetProperty("isDate").GetBoolean(), "An all-day event has a date without a time.");
                Assert.True(deadlineEvent.GetProperty("end").GetProperty("isDate").GetBoolean());
                Assert.Equal(Day(deadline.AddDays(1)), deadlineEvent.GetProperty("end").GetProperty("value").GetString());
            }
        }
    }

    [Fact]
    public async Task Each_event_says_what_is_due_links_to_the_dashboard_and_reminds_a_week_before()
    {
        var calendar = await CalendarAsync();

        Assert.All(Events(calendar), e =>
        {
            var summary = e.GetProperty("summary").GetString()!;
            Assert.StartsWith("Sista dag för ", summary, StringComparison.Ordinal);
            var year = summary[^4..];
            Assert.Equal(new Uri(portal.Address, $"/beslutsstatus?ar={year}").AbsoluteUri, e.GetProperty("url").GetString());
            Assert.Contains("Senast i dag ska varje nämnd", e.GetProperty("description").GetString(), StringComparison.Ordinal);
            Assert.Equal("TRANSPARENT", e.GetProperty("transparency").GetString());
            Assert.False(e.GetProperty("stamp").GetProperty("isDate").GetBoolean());
            var alarm = Assert.Single(e.GetProperty("alarms").EnumerateArray());
            Assert.Equal("DISPLAY", alarm.GetProperty("action").GetString());
            Assert.Equal("-P7D", alarm.GetProperty("trigger").GetString());
            Assert.StartsWith("Om en vecka: sista dag för ", alarm.GetProperty("description").GetString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task The_calendar_is_published_under_its_name()
    {
        var calendar = (await CalendarAsync()).GetProperty("calendar");

        Assert.Equal("2.0", calendar.GetProperty("version").GetString());
        Assert.Equal("PUBLISH", calendar.GetProperty("method").GetString());
        Assert.Equal("Planeringens sista dagar – Sandvikens kommun", calendar.GetProperty("name").GetString());
        Assert.Equal("Europe/Stockholm", calendar.GetProperty("timeZone").GetString());
    }

    [Fact]
    public async Task Event_uids_are_unique_and_stay_the_same_across_requests()
    {
        var first = Events(await CalendarAsync()).Select(e => e.GetProperty("uid").GetString()!).ToList();
        await portal.EvictAsync();
        portal.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = Events(await CalendarAsync()).Select(e => e.GetProperty("uid").GetString()!).ToList();

        Assert.Equal(first.Count, first.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(first.Order(StringComparer.Ordinal), second.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_moved_deadline_moves_the_same_event()
    {
        var cycle = await portal.WithDbAsync(db => db.PlanningCycles.OrderByDescending(c => c.BudgetYear).FirstAsync());
        var before = Assert.Single(Events(await CalendarAsync()), e => e.GetProperty("start").GetProperty("value").GetString() == Day(cycle.FinalDeadline));

        var moved = cycle.FinalDeadline.AddDays(2);
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var admin = await Browserless.PrincipalOfAsync(scope, "admin@sandviken.example");
            await scope.ServiceProvider.GetRequiredService<PlanningAdminService>()
                .SaveCycleAsync(admin, new CycleInput(cycle.BudgetYear, cycle.DraftDeadline, moved), cycle.ConcurrencyToken);
        }

        var after = Assert.Single(Events(await CalendarAsync()), e => e.GetProperty("uid").GetString() == before.GetProperty("uid").GetString());
        Assert.Equal(Day(moved), after.GetProperty("start").GetProperty("value").GetString());
    }
}
