import { highlightSegments } from "../lib/search";

/** Text with every occurrence of the keyword marked (yellow background, orange text — G5). */
export function Highlight({ text, keyword }: { text: string; keyword: string }) {
  return (
    <>
      {highlightSegments(text, keyword).map((segment, index) =>
        segment.hit ? (
          <mark key={index} className="jmt-hl">
            {segment.text}
          </mark>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </>
  );
}
