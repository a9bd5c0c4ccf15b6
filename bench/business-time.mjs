// Business-time benchmark: how long the SLA engine takes to compute one due date, for targets
// from an hour to three weeks on a New York calendar with a lunch break and a holiday, cold (a
// new calendar object each time, so nothing is cached) and warm.
//
// Run from the repository root after `npm run build`:
//
//   node bench/business-time.mjs
import { addBusinessMinutes, validateCalendar } from '@tessera/domain';

const RUNS = 5_000;
const hours = [
  { start: '08:00', end: '12:00' },
  { start: '13:00', end: '17:00' },
];
const input = {
  timeZone: 'America/New_York',
  week: { monday: hours, tuesday: hours, wednesday: hours, thursday: hours, friday: hours },
  holidays: [{ recurring: '07-04' }],
};

function calendar() {
  const result = validateCalendar(input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.calendar;
}

function measure(target, fresh) {
  const shared = calendar();
  const first = Date.parse('2026-01-05T00:00:00Z');
  const began = performance.now();
  for (let i = 0; i < RUNS; i++) {
    addBusinessMinutes(fresh ? calendar() : shared, new Date(first + i * 4_513_000), target);
  }
  return ((performance.now() - began) / RUNS) * 1000;
}

console.log('| target | cold µs/call | warm µs/call |');
console.log('| --- | --- | --- |');
for (const [name, minutes] of [
  ['1 hour', 60],
  ['1 business day', 480],
  ['1 week', 2_400],
  ['3 weeks', 7_200],
]) {
  console.log(
    `| ${name} | ${measure(minutes, true).toFixed(1)} | ${measure(minutes, false).toFixed(1)} |`,
  );
}
