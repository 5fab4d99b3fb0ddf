import { useCallback, useEffect, useRef, useState } from "react";

/** Seconds left of a cooldown (e.g. "resend SMS code in 60 s"), ticking once a second. */
export const useCountdown = () => {
  const [seconds, setSeconds] = useState(0);
  const timer = useRef<ReturnType<typeof setInterval> | undefined>(undefined);

  const stop = useCallback(() => {
    if (timer.current) clearInterval(timer.current);
    timer.current = undefined;
  }, []);

  const start = useCallback(
    (from: number) => {
      stop();
      const endsAt = Date.now() + from * 1000;
      setSeconds(from);
      timer.current = setInterval(() => {
        const left = Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));
        setSeconds(left);
        if (left === 0) stop();
      }, 250);
    },
    [stop],
  );

  useEffect(() => stop, [stop]);
  return { seconds, start, running: seconds > 0 };
};
