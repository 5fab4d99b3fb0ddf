import { useId } from "react";

/** The 晶贸通 mark: a faceted amethyst. */
export const CrystalLogo = ({ size = 28, title }: { size?: number; title?: string }) => {
  const id = useId().replace(/:/g, "");
  return (
    <svg width={size} height={size} viewBox="0 0 48 48" role="img" aria-label={title} aria-hidden={title ? undefined : true}>
      <defs>
        <linearGradient id={`${id}-a`} x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#c9b8ff" />
          <stop offset="0.55" stopColor="#7c5cf0" />
          <stop offset="1" stopColor="#3b2297" />
        </linearGradient>
        <linearGradient id={`${id}-b`} x1="0" y1="0" x2="0" y2="1">
          <stop offset="0" stopColor="#ffffff" stopOpacity="0.9" />
          <stop offset="1" stopColor="#ffffff" stopOpacity="0.15" />
        </linearGradient>
      </defs>
      <path d="M14 6h20l10 12-20 24L4 18z" fill={`url(#${id}-a)`} />
      <path d="M14 6l-10 12h40L34 6z" fill={`url(#${id}-b)`} opacity="0.55" />
      <path d="M14 6l10 12 10-12M4 18l20 24 20-24M24 18v24" fill="none" stroke="#ffffff" strokeOpacity="0.55" strokeWidth="1.2" strokeLinejoin="round" />
    </svg>
  );
};
