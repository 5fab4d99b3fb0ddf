/**
 * Code tables used by validation. They are data: callers can replace them through
 * ValidationRules without touching the validator (DOMAIN.md: treat tradeMode as data).
 */
import type { ValidationRules } from './types';

/** 监管方式: 9610 跨境电商B2C出口, 1210 保税跨境贸易电子商务, 9710 跨境电商B2B直接出口, 9810 跨境电商出口海外仓. */
export const TRADE_MODES: Readonly<Record<string, string>> = {
  '9610': '跨境贸易电子商务',
  '1210': '保税跨境贸易电子商务',
  '9710': '跨境电子商务企业对企业直接出口',
  '9810': '跨境电子商务出口海外仓',
};

/**
 * Customs numeric currency codes (海关币制代码) for the currencies Donghai crystal exporters
 * actually invoice in. Extend via ValidationRules.currencyCodes rather than editing the validator.
 */
export const CURRENCY_CODES: Readonly<Record<string, string>> = {
  '110': '港币 HKD',
  '116': '日本元 JPY',
  '121': '澳门元 MOP',
  '132': '新加坡元 SGD',
  '133': '韩国元 KRW',
  '136': '泰国铢 THB',
  '142': '人民币 CNY',
  '300': '欧元 EUR',
  '302': '丹麦克朗 DKK',
  '303': '英镑 GBP',
  '326': '挪威克朗 NOK',
  '330': '瑞典克朗 SEK',
  '331': '瑞士法郎 CHF',
  '344': '俄罗斯卢布 RUB',
  '501': '加拿大元 CAD',
  '502': '美元 USD',
  '601': '澳大利亚元 AUD',
  '609': '新西兰元 NZD',
};

export const DEFAULT_RULES: ValidationRules = {
  // Listed explicitly: Object.keys would sort these integer-like keys numerically.
  tradeModes: ['9610', '1210', '9710', '9810'],
  currencyCodes: Object.keys(CURRENCY_CODES),
};

export function resolveRules(rules?: Partial<ValidationRules>): ValidationRules {
  return {
    tradeModes: rules?.tradeModes ?? DEFAULT_RULES.tradeModes,
    currencyCodes: rules?.currencyCodes ?? DEFAULT_RULES.currencyCodes,
  };
}
