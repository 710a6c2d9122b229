// An iCalendar document on stdin -> {"calendar":{...}, "events":[...]} on stdout, as ical.js reads it.
import ICAL from 'ical.js';
import { readStdin, fail } from './stdin.mjs';

try {
  const text = await readStdin();
  const calendar = new ICAL.Component(ICAL.parse(text));
  if (calendar.name !== 'vcalendar') {
    fail('ical', `expected a VCALENDAR, found ${calendar.name}`);
  }
  const time = (t) => (t ? { value: t.toString(), isDate: t.isDate } : null);
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      url: component.getFirstPropertyValue('url'),
      start: time(event.startDate),
      end: time(event.endDate),
      stamp: time(component.getFirstPropertyValue('dtstamp')),
      transparency: component.getFirstPropertyValue('transp'),
      alarms: component.getAllSubcomponents('valarm').map((alarm) => ({
        action: alarm.getFirstPropertyValue('action'),
        trigger: String(alarm.getFirstPropertyValue('trigger')),
        description: alarm.getFirstPropertyValue('description'),
      })),
    };
  });
  process.stdout.write(JSON.stringify({
    calendar: {
      version: calendar.getFirstPropertyValue('version'),
      prodId: calendar.getFirstPropertyValue('prodid'),
      method: calendar.getFirstPropertyValue('method'),
      name: calendar.getFirstPropertyValue('x-wr-calname'),
      timeZone: calendar.getFirstPropertyValue('x-wr-timezone'),
    },
    events,
  }));
} catch (error) {
  fail('ical', error);
}
