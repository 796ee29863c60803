/** Round seal-like mark used in the headers. */
export function Logo({ size = 36 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 40 40" aria-hidden="true">
      <circle cx="20" cy="20" r="19" fill="#ffffff" />
      <circle cx="20" cy="20" r="16" fill="none" stroke="#1664c0" strokeWidth="2" />
      <text x="20" y="26" fontSize="16" fontWeight="bold" textAnchor="middle" fill="#1664c0">
        职
      </text>
    </svg>
  );
}
