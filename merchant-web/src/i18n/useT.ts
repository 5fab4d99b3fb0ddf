import { useTranslate } from "@refinedev/core";
import { useCallback } from "react";
import type { Translate } from "./translate";

/** Refine's translate with the app's `{{name}}` params typed. */
export function useT(): Translate {
  const translate = useTranslate();
  return useCallback<Translate>((key, params, fallback) => translate(key, params ?? {}, fallback), [translate]);
}
