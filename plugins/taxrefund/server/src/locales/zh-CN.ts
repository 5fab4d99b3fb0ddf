/** The 出口退税（taxrefund plugin） error codes and their messages (Simplified Chinese); registered with the host at start-up. */
export const errors = {
  REFUND_RATE_NOT_FOUND: '未找到该 HS 编码适用的退税率，请核对编码或联系平台',
  REFUND_RATE_OVERLAP: '该 HS 编码在这段时间已有退税率，请调整生效日期',
  RETURN_UPLOAD_INVALID: '回执文件有错误，整份文件未处理；请按提示修改后重新上传',
  RETURN_ALREADY_UPLOADED: '今天已经上传过回执文件（每天一次），如需补充请明天上传',
} as const;

export type TaxrefundErrorCode = keyof typeof errors;
