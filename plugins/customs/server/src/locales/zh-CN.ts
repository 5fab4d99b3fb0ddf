/** The 出口报关（customs plugin） error codes and their messages (Simplified Chinese); registered with the host at start-up. */
export const errors = {
  CUSTOMS_CONFIG_MISSING: '平台尚未为您配置点点通接口，暂不能申报；请联系平台客服',
  CUSTOMS_CONFIG_INVALID: '点点通接口配置未通过校验，暂不能申报；请联系平台客服核对配置',
  CUSTOMS_CONFIG_REJECTED: '点点通接口配置校验未通过，请按提示修改后重新保存',
  CUSTOMS_UNAVAILABLE: '点点通服务暂时无法连接，请稍后重试',
  BATCH_CLOSED: '该批次已关闭，不能再修改',
  NOTHING_TO_DECLARE: '没有需要申报的内容',
  STEP_NOT_READY: '上一步还未完成，暂时不能进行这一步',
  IMPORT_FILE_REQUIRED: '请选择要导入的 Excel 文件（.xlsx）',
  IMPORT_HAS_ERRORS: '导入数据仍有错误，请修改后再确认导入',
  IMPORT_ALREADY_COMMITTED: '这份导入已经确认过，不能重复导入',
  IMPORT_EXPIRED: '导入预览已失效，请重新上传文件',
  CANCELLATION_NOT_ALLOWED: '该清单当前不能申请撤销',
  WITHDRAW_NOT_ALLOWED: '该撤销申请当前不能“不再撤销”',
} as const;

export type CustomsErrorCode = keyof typeof errors;
