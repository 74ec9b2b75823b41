import { hourWindow, isSpike, referenceStem, secondsToNextHour } from './usage-rules';

describe('referenceStem', () => {
  it.each([
    ['FAKE-0', 'FAKE-'],
    ['FAKE-99', 'FAKE-'],
    ['fake-7 ', 'FAKE-'],
    ['FORM-PK-2026-000123', 'FORM-PK-2026-'],
    ['OTP 884120', 'OTP '],
    ['123456', ''],
    ['FORM-A', null],
    ['SIG/2026/ABC', null],
  ])('%p -> %p', (reference, stem) => {
    expect(referenceStem(reference)).toBe(stem);
  });
});

describe('isSpike', () => {
  it.each([
    // observed, baseline, factor, min, spike
    [40, 38, 5, 50, false], // a normal officer's day: 40 an hour against its usual 38
    [49, 0, 5, 50, false], // under the floor, even without history
    [50, 0, 5, 50, true], // no history: the floor alone
    [120, 30, 5, 50, false], // busy, but within 5x its own baseline
    [151, 30, 5, 50, true],
    [150, 30, 5, 50, false], // exactly 5x is not above it
    [1000, 10, 0, 50, false], // factor 0: off
    [1000, 10, 5, 0, false], // floor 0: off
  ])('observed %p, baseline %p, factor %p, floor %p: %p', (observed, baseline, factor, min, spike) => {
    expect(isSpike(observed, baseline, factor, min)).toBe(spike);
  });
});

describe('hourWindow and secondsToNextHour', () => {
  it.each([
    ['2026-12-03T09:00:00.000Z', '2026-12-03T09:00:00.000Z', 3600],
    ['2026-12-03T09:59:59.500Z', '2026-12-03T09:00:00.000Z', 1],
    ['2026-12-03T09:35:10.000Z', '2026-12-03T09:00:00.000Z', 1490],
  ])('%s is in the hour from %s, %p s to go', (at, start, seconds) => {
    expect(hourWindow(new Date(at)).start.toISOString()).toBe(start);
    expect(hourWindow(new Date(at)).end.getTime() - new Date(start).getTime()).toBe(3_600_000);
    expect(secondsToNextHour(new Date(at))).toBe(seconds);
  });
});
