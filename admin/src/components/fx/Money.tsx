import { formatAmount } from "@jmt/api-types";
import { decimalSign } from "../../lib/fx";

const SYMBOLS = { USD: "US$", CNY: "¥" } as const;

/**
 * A decimal-string amount as shown across 收结汇: `US$ 12,580.00`, `¥ 89,613.40` (tabular figures), "—" when absent.
 * `signed` prefixes a + for positive deltas and colours them (green up, red down).
 */
export const Money = ({
  value,
  currency = "USD",
  signed,
  strong,
  testId,
}: {
  value: string | null | undefined;
  currency?: keyof typeof SYMBOLS;
  signed?: boolean;
  strong?: boolean;
  testId?: string;
}) => {
  if (value === null || value === undefined || value === "") return <span className="money money--empty">—</span>;
  const sign = signed ? decimalSign(value) : 0;
  const text = formatAmount(value.replace(/^[+-]/, ""), 2);
  return (
    <span
      className={`money ${strong ? "money--strong" : ""} ${sign > 0 ? "money--up" : sign < 0 ? "money--down" : ""}`}
      data-testid={testId}
      data-value={value}
    >
      {sign > 0 ? "+" : value.trim().startsWith("-") ? "−" : ""}
      <span className="money__symbol">{SYMBOLS[currency]}</span>
      {text}
    </span>
  );
};

/** A rate with its 4 places: `7.1234`. */
export const Rate = ({ value, testId }: { value: string | null | undefined; testId?: string }) =>
  value ? (
    <span className="rate mono" data-testid={testId} data-value={value}>
      {formatAmount(value, 4)}
    </span>
  ) : (
    <span className="rate">—</span>
  );
