import { CalculatorOutlined } from "@ant-design/icons";
import { AutoComplete, Card, Input, Segmented } from "antd";
import dayjs from "dayjs";
import { useMemo, useState } from "react";
import type { EnterpriseType } from "@jmt/api-types";
import { EstimatePanel } from "../../components/tax-refund/EstimatePanel";
import { useDebounced, useRefundEstimate, useRefundRates } from "../../hooks/useTaxRefund";
import { useT } from "../../i18n/useT";
import { normalizeDecimal } from "../../lib/fx";
import { estimateQuery, normalizeHsCode, ratesInForce, suggestRates } from "../../lib/taxRefund";

/**
 * T4 退税测算 on the home page, for anyone (members too): an HS code and the base amount, answered by the
 * server's estimate as they type. Nothing is saved.
 */
export function EstimateCalculator() {
  const t = useT();
  const [enterpriseType, setEnterpriseType] = useState<EnterpriseType>("trading");
  const [hsCode, setHsCode] = useState("");
  const [amount, setAmount] = useState("");
  const rates = useRefundRates();
  const query = useDebounced(
    estimateQuery(
      enterpriseType === "producer"
        ? { enterpriseType, hsCode, orderAmount: amount }
        : { enterpriseType, hsCode, purchaseAmount: amount },
    ),
    400,
  );
  const estimate = useRefundEstimate(query);
  const options = useMemo(
    () =>
      suggestRates(ratesInForce(rates.data ?? [], dayjs().format("YYYY-MM-DD")), hsCode, 8).map((r) => ({
        value: r.hsCode,
        label: (
          <div className="jmt-hs-option">
            <span className="jmt-mono">{r.hsCode}</span>
            <span className="jmt-hs-option-desc">{r.description}</span>
            <span className="jmt-muted">{r.rate}%</span>
          </div>
        ),
      })),
    [rates.data, hsCode],
  );

  return (
    <Card
      id="estimate"
      className="jmt-panel"
      size="small"
      data-testid="refund-calculator"
      title={
        <span className="jmt-panel-title">
          <CalculatorOutlined /> {t("taxRefund.calculator.title")}
        </span>
      }
    >
      <div className="jmt-tr-calculator">
        <Segmented<EnterpriseType>
          block
          value={enterpriseType}
          onChange={setEnterpriseType}
          options={[
            { value: "trading", label: t("taxRefund.type.trading.short") },
            { value: "producer", label: t("taxRefund.type.producer.short") },
          ]}
          data-testid="calculator-type"
        />
        <AutoComplete
          value={hsCode}
          options={options}
          onChange={(v: string) => setHsCode(normalizeHsCode(v))}
          popupMatchSelectWidth={380}
        >
          <Input
            placeholder={t("taxRefund.calculator.hsCode")}
            inputMode="numeric"
            maxLength={14}
            data-testid="calculator-hs-code"
          />
        </AutoComplete>
        <Input
          value={amount}
          onChange={(e) => setAmount(normalizeDecimal(e.target.value))}
          placeholder={t(`taxRefund.calculator.amount.${enterpriseType}`)}
          inputMode="decimal"
          suffix={t("taxRefund.yuan")}
          maxLength={16}
          data-testid="calculator-amount"
        />
      </div>
      <EstimatePanel compact query={query} result={estimate} enterpriseType={enterpriseType} rates={rates.data} />
    </Card>
  );
}
