/** The 收结汇（fx plugin） error codes and their messages (Simplified Chinese); registered with the host at start-up. */
export const errors = {
  INSUFFICIENT_AVAILABLE: '结汇金额超过可用余额，请调整金额',
  FX_PROFILE_INCOMPLETE: '请先在「我的」中填写外汇子账户、结汇银行卡号、开户行和法人姓名',
  CNY_AMOUNT_MISMATCH: '人民币金额与“结汇金额 × 实际汇率”不符，请核对',
  SETTLEMENT_NOT_PROCESSING: '该结汇申请已办结，不能重复操作',
  BALANCE_UPLOAD_INVALID: '余额文件有错误，整份文件未写入；请按提示修改后重新上传',
  FX_ALERT_LIMIT: '汇率预警最多设置 20 条，请先删除不用的预警',
  FX_SUB_ACCOUNT_TAKEN: '该外汇子账号已被其他商户登记，请核对后重新填写',
  FX_FIELD_INVALID: '收结汇账户信息格式不正确，请核对后重新填写',
} as const;

export type FxErrorCode = keyof typeof errors;
