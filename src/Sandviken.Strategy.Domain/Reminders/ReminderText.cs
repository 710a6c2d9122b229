using System.Globalization;
using System.Text;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Mail;

namespace Sandviken.Strategy.Domain.Reminders;

/// <summary>The Swedish subject and text of a reminder or an overdue notice, with links into the portal.</summary>
internal static class ReminderText
{
    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    public static (string Subject, string Body) Compose(
        EmailOptions email, string organisation, string slug, int? planId, int year, DecisionKind decision, DateOnly deadline, DateOnly today, bool overdue,
        List<StaleMeasure> staleIndicators)
    {
        var what = decision == DecisionKind.Draft ? "beslut om utkast" : "slutgiltigt beslut";
        var date = deadline.ToString("d MMMM yyyy", Swedish);
        var subject = overdue
            ? $"Försenat: {what} om plan {year} för {organisation}"
            : $"Påminnelse: {what} om plan {year} för {organisation} senast {date}";

        var body = new StringBuilder();
        body.AppendLine("Hej!").AppendLine();
        if (overdue)
        {
            body.AppendLine(Swedish, $"{organisation} har inte registrerat {what} om planen för budgetåret {year}. Sista dag var {date}, så beslutet är försenat.");
        }
        else
        {
            var days = deadline.DayNumber - today.DayNumber;
            body.AppendLine(Swedish, $"{organisation} har ännu inte registrerat {what} om planen för budgetåret {year}. Sista dag är {date} ({(days == 0 ? "i dag" : days == 1 ? "i morgon" : $"om {days} dagar")}).");
        }

        body.AppendLine();
        body.AppendLine(Swedish, $"Planen i arbetsytan: {email.Link(planId is { } id ? $"/arbetsyta/planer/{id}" : "/arbetsyta")}");
        body.AppendLine(Swedish, $"Den publicerade planen: {email.Link($"/organisationer/{slug}/{year}")}");
        if (staleIndicators.Count > 0)
        {
            body.AppendLine();
            body.AppendLine("Indikatorer som ingen har uppdaterat:");
            foreach (var s in staleIndicators)
            {
                body.AppendLine(Swedish, $"- {s.Name} (mål: {s.Context}): {s.ReasonText}");
            }
        }

        body.AppendLine();
        body.AppendLine(Swedish, $"Du får det här meddelandet från strategiportalen för att du är sekreterare för {organisation} eller administratör.");
        body.AppendLine(Swedish, $"Du kan stänga av påminnelser på {email.Link("/konto/paminnelser")}.");
        return (subject, body.ToString());
    }
}
