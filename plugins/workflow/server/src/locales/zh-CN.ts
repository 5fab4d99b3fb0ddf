/** The 业务申请（workflow plugin） error codes and their messages (Simplified Chinese); registered with the host at start-up. */
export const errors = {
  KIND_UNKNOWN: '不支持的申请类型',
  APPLICATION_EXISTS: '该业务已有一份进行中的申请，请继续办理原申请',
  APPLICATION_LOCKED: '申请已提交审核，当前不能修改；如需修改已核准的信息，请联系平台管理员',
  APPLICATION_INCOMPLETE: '申请资料不完整，请补充后再提交',
  TRANSITION_FORBIDDEN: '该步骤需由平台工作人员办理',
  PREREQUISITE_NOT_MET: '请先完成前置业务的办理',
  TEMPLATE_NOT_FOUND: '模板不存在',
} as const;

export type WorkflowErrorCode = keyof typeof errors;
