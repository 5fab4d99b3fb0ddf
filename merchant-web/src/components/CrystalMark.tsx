/** The 晶贸通 mark: a faceted crystal on a violet tile. */
export function CrystalMark({ size = 36 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <defs>
        <linearGradient id="jmt-mark-bg" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#9b7bff" />
          <stop offset="1" stopColor="#4b2bb8" />
        </linearGradient>
      </defs>
      <rect width="64" height="64" rx="16" fill="url(#jmt-mark-bg)" />
      <path d="M18 25l7-9h14l7 9-14 25z" fill="#ffffff" fillOpacity="0.95" />
      <path d="M18 25h28L32 50z" fill="#ddd2ff" />
      <path d="M25 16l7 9 7-9M32 25v25" fill="none" stroke="#7b5ae0" strokeWidth="1.4" strokeLinejoin="round" />
    </svg>
  );
}

/** Decorative crystal facets for brand panels and the welcome banner. */
export function CrystalFacets({ className }: { className?: string }) {
  return (
    <svg className={className} viewBox="0 0 400 400" aria-hidden="true" focusable="false">
      <g fill="#ffffff">
        <path d="M120 140l60-80h120l60 80-120 220z" fillOpacity="0.10" />
        <path d="M120 140h240L240 360z" fillOpacity="0.10" />
        <path d="M180 60l60 80 60-80" fill="none" stroke="#fff" strokeOpacity="0.35" strokeWidth="2" />
        <path d="M120 140l120 220 120-220M240 140v220" fill="none" stroke="#fff" strokeOpacity="0.22" strokeWidth="2" />
        <path d="M30 300l25-32h50l25 32-50 88z" fillOpacity="0.08" />
      </g>
    </svg>
  );
}
