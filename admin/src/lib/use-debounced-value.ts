import { useEffect, useState } from "react";

/** `value`, once it has stopped changing for `delay` ms (so a form asks the cms as the user pauses, not per keystroke). */
export const useDebouncedValue = <T>(value: T, delay = 400): T => {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
};
