import { defineMessages } from '../../lib/i18n/catalog.js';

export const dataPrivacyMessages = defineMessages({
  en: {
    'export.title': 'Export all data (数据导出)',
    'export.body':
      'One ZIP archive with every record of your business: JSON Lines per kind of record, customers.csv and a manifest. It can be downloaded once, within 24 hours.',
    'export.start': 'Export all data',
    'export.running': 'Exporting… {{items}} records so far',
    'export.done': 'Ready: {{items}} records, {{size}} KB. Available until {{until}}.',
    'export.download': 'Download the archive (once)',
    'export.downloaded': 'Downloaded. Start a new export for a newer copy.',
    'export.failed': 'The export failed. Start another one.',
    'export.expired': 'This export expired. Start a new one.',
    'delete.title': 'Delete this tenant (注销)',
    'delete.body':
      'Deletes the business and every record of it for good: customers, timelines, users and their logins, API keys, webhooks, imports and exports. Nothing is kept. Export your data first if you need it.',
    'delete.open': 'Delete this tenant…',
    'delete.dialogTitle': 'Delete {{name}} for good?',
    'delete.dialogBody': 'Type the tenant name and your password to confirm. Everyone is signed out at once.',
    'delete.confirmation': 'Tenant name',
    'delete.password': 'Your password',
    'delete.confirm': 'Delete for good',
    'delete.cancel': 'Cancel',
  },
  'zh-CN': {
    'export.title': '导出全部数据 (Export)',
    'export.body':
      '一个 ZIP 压缩包，包含贵公司的全部记录：每类记录一个 JSON Lines 文件、customers.csv 和清单。24 小时内可下载一次。',
    'export.start': '导出全部数据',
    'export.running': '正在导出… 已完成 {{items}} 条记录',
    'export.done': '已就绪：{{items}} 条记录，{{size}} KB。有效期至 {{until}}。',
    'export.download': '下载压缩包（仅一次）',
    'export.downloaded': '已下载。如需更新的副本，请重新导出。',
    'export.failed': '导出失败，请重新导出。',
    'export.expired': '此导出已过期，请重新导出。',
    'delete.title': '注销此租户 (Delete)',
    'delete.body':
      '永久删除本企业及其全部记录：客户、联络历史、用户及其登录、API 密钥、Webhook、导入和导出。不保留任何数据。如有需要，请先导出数据。',
    'delete.open': '注销此租户…',
    'delete.dialogTitle': '永久删除 {{name}}？',
    'delete.dialogBody': '请输入租户名称和您的密码以确认。所有人将立即退出登录。',
    'delete.confirmation': '租户名称',
    'delete.password': '您的密码',
    'delete.confirm': '永久删除',
    'delete.cancel': '取消',
  },
});
