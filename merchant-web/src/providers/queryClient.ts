import { QueryClient } from "@tanstack/react-query";

/** The one query cache, shared with Refine, so login and account switches can drop the previous merchant's data. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { refetchOnWindowFocus: false, retry: false },
  },
});
