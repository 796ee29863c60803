export const PLATFORM_NAME = '职称申报与评审管理服务平台';
export const PRODUCT_CODE = 'zcps';
export const PLATFORM_SUBTITLE = '专业技术职务任职资格申报与评审 · 一网通办';
