import type { CatalogueFeature, CatalogueModule } from "./catalogue";

/**
 * G5 global search over the module catalogue.
 *
 * Rules:
 * - the keyword is trimmed and matched case-insensitively as one phrase; an empty keyword finds nothing;
 * - a module (parent) hits when its title contains the keyword: it is shown with ALL its sub-features;
 * - a sub-feature (child) hits when its title or its description contains the keyword: it is shown
 *   together with its parent module, and only the children that hit are shown under that parent;
 * - groups keep the catalogue order, children keep their order inside the module;
 * - every occurrence of the keyword in a shown title/description is highlighted.
 */
export interface SearchChild {
  feature: CatalogueFeature;
  matched: boolean;
}

export interface SearchGroup {
  module: CatalogueModule;
  /** The module title itself contains the keyword. */
  parentMatched: boolean;
  children: SearchChild[];
}

export function normalizeKeyword(keyword: string): string {
  return keyword.trim().replace(/\s+/g, " ");
}

export function contains(text: string, keyword: string): boolean {
  const k = normalizeKeyword(keyword);
  return k.length > 0 && text.toLowerCase().includes(k.toLowerCase());
}

export function searchCatalogue(catalogue: readonly CatalogueModule[], keyword: string): SearchGroup[] {
  const k = normalizeKeyword(keyword);
  if (!k) return [];
  const groups: SearchGroup[] = [];
  for (const module of catalogue) {
    const parentMatched = contains(module.title, k);
    const children = module.features.map((feature) => ({
      feature,
      matched: contains(feature.title, k) || contains(feature.desc, k),
    }));
    if (parentMatched) {
      groups.push({ module, parentMatched, children });
    } else {
      const hits = children.filter((c) => c.matched);
      if (hits.length > 0) groups.push({ module, parentMatched, children: hits });
    }
  }
  return groups;
}

export interface HighlightSegment {
  text: string;
  hit: boolean;
}

/** Split a text into plain and highlighted segments for every (case-insensitive) occurrence of the keyword. */
export function highlightSegments(text: string, keyword: string): HighlightSegment[] {
  const k = normalizeKeyword(keyword);
  if (!k || !text) return text ? [{ text, hit: false }] : [];
  const lowerText = text.toLowerCase();
  const lowerKey = k.toLowerCase();
  const segments: HighlightSegment[] = [];
  let from = 0;
  for (;;) {
    const at = lowerText.indexOf(lowerKey, from);
    if (at < 0) break;
    if (at > from) segments.push({ text: text.slice(from, at), hit: false });
    segments.push({ text: text.slice(at, at + k.length), hit: true });
    from = at + k.length;
  }
  if (from < text.length) segments.push({ text: text.slice(from), hit: false });
  return segments;
}

/** Number of result rows a search shows (a parent row plus one per child). */
export function countRows(groups: readonly SearchGroup[]): number {
  return groups.reduce((n, g) => n + 1 + g.children.length, 0);
}
