import { useCallback, useEffect, useRef, useState } from "react";

/** A seconds countdown (SMS resend cooldown) that survives re-renders and cleans up its timer. */
export function useCountdown() {
  const [seconds, setSeconds] = useState(0);
  const endsAt = useRef(0);
  const timer = useRef<number | undefined>(undefined);

  const stop = useCallback(() => {
    if (timer.current !== undefined) window.clearInterval(timer.current);
    timer.current = undefined;
  }, []);

  const start = useCallback(
    (total: number) => {
      stop();
      endsAt.current = Date.now() + total * 1000;
      setSeconds(total);
      timer.current = window.setInterval(() => {
        const left = Math.max(0, Math.ceil((endsAt.current - Date.now()) / 1000));
        setSeconds(left);
        if (left === 0) stop();
      }, 250);
    },
    [stop],
  );

  useEffect(() => stop, [stop]);
  return { seconds, running: seconds > 0, start };
}
