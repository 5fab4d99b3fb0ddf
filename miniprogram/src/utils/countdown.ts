export interface Countdown {
  /** Seconds left (0 when finished or stopped). */
  remaining(): number;
  stop(): void;
}

export interface CountdownClock {
  now(): number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const defaultClock: CountdownClock = {
  now: () => Date.now(),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (handle) => clearInterval(handle as number),
};

/**
 * A seconds countdown measured against the wall clock, so it stays right when the mini-program
 * was in the background (timers are throttled there). `onTick` gets the seconds left, first
 * immediately, then every second; `onEnd` runs once at 0.
 */
export function startCountdown(seconds: number, onTick: (remaining: number) => void, onEnd?: () => void, clock: CountdownClock = defaultClock): Countdown {
  const endsAt = clock.now() + Math.max(0, seconds) * 1000;
  let left = Math.max(0, Math.ceil(seconds));
  let handle: unknown = null;

  const stop = () => {
    if (handle !== null) {
      clock.clearInterval(handle);
      handle = null;
    }
  };

  const tick = () => {
    left = Math.max(0, Math.ceil((endsAt - clock.now()) / 1000));
    onTick(left);
    if (left === 0) {
      stop();
      if (onEnd) onEnd();
    }
  };

  onTick(left);
  if (left > 0) handle = clock.setInterval(tick, 1000);
  else if (onEnd) onEnd();

  return {
    remaining: () => (handle === null ? 0 : left),
    stop: () => {
      stop();
      left = 0;
    },
  };
}
