import type { Locale } from '@crm/domain';
import type { MailKind, OutgoingMail } from './mailer.js';

type Rendered = Pick<OutgoingMail, 'subject' | 'text' | 'html'>;
/** The product's own mails; a workflow's mails have their templates beside the workflows. */
type TemplatedKind = Exclude<MailKind, 'workflow' | 'campaign' | 'campaign-sms'>;

type TemplateParams = {
  invitation: { tenantName: string; link: string; token: string; days: number };
  'verify-email': { link: string; hours: number };
  'password-reset': { link: string; minutes: number };
  /** `tenantName` when the sign-up created a tenant (right password, verified address). */
  'signup-existing-account': { loginLink: string; resetLink: string; tenantName?: string };
  survey: { tenantName: string; title: string; link: string; days: number };
};

type Copy = { subject: string; lines: string[]; link: string; linkLabel: string; footer?: string };

const copies: { [K in TemplatedKind]: Record<Locale, (p: TemplateParams[K]) => Copy> } = {
  invitation: {
    en: (p) => ({
      subject: `You are invited to ${p.tenantName}`,
      lines: [`You are invited to join ${p.tenantName}. The link works once, within ${p.days} days.`],
      link: p.link,
      linkLabel: 'Accept the invitation',
      // The invitation screen also takes the bare token, e.g. when a mail client mangles links.
      footer: `token: ${p.token}`,
    }),
    'zh-CN': (p) => ({
      subject: `邀请您加入 ${p.tenantName}`,
      lines: [`您受邀加入 ${p.tenantName}。链接仅可使用一次，${p.days} 天内有效。`],
      link: p.link,
      linkLabel: '接受邀请',
      footer: `token: ${p.token}`,
    }),
  },
  'verify-email': {
    en: (p) => ({
      subject: 'Confirm your e-mail address',
      lines: [
        `Confirm this address to create or join more tenants. The link works once, within ${p.hours} hours.`,
      ],
      link: p.link,
      linkLabel: 'Confirm my e-mail',
    }),
    'zh-CN': (p) => ({
      subject: '请验证您的电子邮箱',
      lines: [`验证此邮箱后即可创建或加入更多租户。链接仅可使用一次，${p.hours} 小时内有效。`],
      link: p.link,
      linkLabel: '验证邮箱',
    }),
  },
  'password-reset': {
    en: (p) => ({
      subject: 'Reset your password',
      lines: [
        `Someone asked to reset the password of this address. The link works once, within ${p.minutes} minutes.`,
        'If it was not you, ignore this mail: the password stays as it is.',
      ],
      link: p.link,
      linkLabel: 'Choose a new password',
    }),
    'zh-CN': (p) => ({
      subject: '重置您的密码',
      lines: [
        `有人请求重置此邮箱的密码。链接仅可使用一次，${p.minutes} 分钟内有效。`,
        '如果不是您本人操作，请忽略此邮件，密码不会改变。',
      ],
      link: p.link,
      linkLabel: '设置新密码',
    }),
  },
  'signup-existing-account': {
    en: (p) => ({
      subject: p.tenantName ? `${p.tenantName} is ready` : 'Someone tried to sign up with your address',
      lines: p.tenantName
        ? [`The tenant ${p.tenantName} was created for your account. Log in: ${p.loginLink}`]
        : [
            'This address already has an account, so no new tenant was made. A new tenant needs the',
            `account's password and a confirmed address. If it was you, log in (${p.loginLink}), or reset the password below.`,
          ],
      link: p.resetLink,
      linkLabel: 'Reset my password',
    }),
    'zh-CN': (p) => ({
      subject: p.tenantName ? `${p.tenantName} 已创建` : '有人尝试用您的邮箱注册',
      lines: p.tenantName
        ? [`已为您的账号创建租户 ${p.tenantName}。登录：${p.loginLink}`]
        : [
            '此邮箱已有账号，因此没有创建新租户。创建新租户需要该账号的密码并已验证邮箱。',
            `如果是您本人，请直接登录（${p.loginLink}），或在下方重置密码。`,
          ],
      link: p.resetLink,
      linkLabel: '重置密码',
    }),
  },
  survey: {
    en: (p) => ({
      subject: `${p.tenantName}: ${p.title}`,
      lines: [
        `${p.tenantName} would like to know how satisfied you are. The survey takes a minute;`,
        `the link is yours alone and works once, within ${p.days} days.`,
      ],
      link: p.link,
      linkLabel: 'Answer the survey',
    }),
    'zh-CN': (p) => ({
      subject: `${p.tenantName}：${p.title}`,
      lines: [
        `${p.tenantName} 想了解您的满意度，问卷只需一分钟。`,
        `此链接仅供您本人使用，仅可提交一次，${p.days} 天内有效。`,
      ],
      link: p.link,
      linkLabel: '填写问卷',
    }),
  },
};

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * The one set of mail templates, zh-CN and en: both mailer adapters send what this renders.
 *
 * @example
 * renderMail('password-reset', 'en', { link: 'https://crm.example/reset-password?token=…', minutes: 30 });
 */
export function renderMail<K extends TemplatedKind>(
  kind: K,
  locale: Locale,
  params: TemplateParams[K],
): Rendered {
  const copy = copies[kind][locale](params);
  const footer = copy.footer ? ['', copy.footer] : [];
  const text = [...copy.lines, '', `${copy.linkLabel}: ${copy.link}`, ...footer].join('\n');
  const html = [
    ...copy.lines.map((line) => `<p>${escapeHtml(line)}</p>`),
    `<p><a href="${escapeHtml(copy.link)}">${escapeHtml(copy.linkLabel)}</a></p>`,
    ...(copy.footer ? [`<p><small>${escapeHtml(copy.footer)}</small></p>`] : []),
  ].join('\n');
  return { subject: copy.subject, text, html };
}
