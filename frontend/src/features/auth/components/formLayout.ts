export const formLayout = {
  labelCol: { span: 7 },
  wrapperCol: { span: 13 },
} as const;

export const tailLayout = { wrapperCol: { offset: 7, span: 13 } } as const;
