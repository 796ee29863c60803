/** Registration forms: label beside the field from 576 px up, above it on phones. */
export const formLayout = {
  labelCol: { xs: { span: 24 }, sm: { span: 7 } },
  wrapperCol: { xs: { span: 24 }, sm: { span: 13 } },
} as const;

export const tailLayout = { wrapperCol: { xs: { span: 24, offset: 0 }, sm: { span: 13, offset: 7 } } } as const;
