import type { Clock } from '../../src/core/clock.ts';

/** A clock that only moves when the test moves it, so waiting for time never means sleeping. */
export interface TestClock extends Clock {
  /** Sets the time every reader of this clock sees. */
  set(date: Date): void;
  /** Moves the clock forward (or back, with a negative number). */
  advance(ms: number): void;
}

export function testClock(start: Date = new Date()): TestClock {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    set: (date) => {
      now = date.getTime();
    },
    advance: (ms) => {
      now += ms;
    },
  };
}
