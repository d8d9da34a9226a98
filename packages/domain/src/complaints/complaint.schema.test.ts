import { describe, expect, it } from 'vitest';
import { ComplaintCreateSchema } from './complaint.schema.js';

const base = { customerId: '01JZZZZZZZZZZZZZZZZZZZZZZZ', summary: 'Stale bread' };
const pathsOf = (body: unknown) => {
  const parsed = ComplaintCreateSchema.safeParse(body);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'));
};

describe('a complaint as recorded: category, severity, channel and attachments by link', () => {
  it('defaults the category, severity and attachments', () => {
    expect(ComplaintCreateSchema.parse(base)).toMatchObject({
      category: 'other',
      severity: 'medium',
      attachments: [],
    });
  });

  it('keeps http(s) links with an optional label', () => {
    const attachments = [
      { url: 'https://files.example.com/photo-1.jpg', label: '照片 Photo' },
      { url: 'http://intranet.example.com/receipt.pdf' },
    ];
    expect(ComplaintCreateSchema.parse({ ...base, attachments }).attachments).toEqual(attachments);
  });

  it.each([
    ['a script link, which the page would render as a live href', 'javascript:alert(1)'],
    ['a data URL', 'data:text/html,<script>alert(1)</script>'],
    ['a file path', 'file:///etc/passwd'],
    ['no URL at all', 'photo.jpg'],
  ])('refuses %s on attachments.0.url', (_name, url) => {
    expect(pathsOf({ ...base, attachments: [{ url }] })).toEqual(['attachments.0.url']);
  });

  it('refuses more than 20 links, and an unknown field on a link', () => {
    const link = { url: 'https://example.com/a' };
    expect(pathsOf({ ...base, attachments: Array.from({ length: 21 }, () => link) })).toEqual([
      'attachments',
    ]);
    expect(pathsOf({ ...base, attachments: [{ ...link, size: 1 }] })).toEqual(['attachments.0']);
  });

  it('refuses an unknown category, severity or channel field by field', () => {
    expect(pathsOf({ ...base, category: 'weather', severity: 'apocalyptic', channel: 'pigeon' })).toEqual([
      'category',
      'severity',
      'channel',
    ]);
  });
});
