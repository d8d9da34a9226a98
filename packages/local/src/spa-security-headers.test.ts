import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './local-config.js';
import { SPA_CONTENT_SECURITY_POLICY, spaSecurityHeaders } from './spa-security-headers.js';

// The CDK stack may not be imported here (module boundaries): its source is read instead.
const webStack = readFileSync(join(repoRoot, 'infra', 'lib', 'stacks', 'web-stack.ts'), 'utf8');

describe('the local SPA security headers', () => {
  it('carry every directive of the CSP CloudFront sets in AWS', () => {
    const cloudFront = webStack.slice(webStack.indexOf('contentSecurityPolicy: Fn.join'));
    const directives = [
      ...cloudFront.matchAll(/(?:^|[;"'] ?)([a-z-]+-(?:src|ancestors|uri|action)) ([^;"]+)/gm),
    ]
      .map((match) => match[1])
      .filter((name, i, all) => all.indexOf(name) === i);
    expect(directives.length).toBeGreaterThanOrEqual(9);
    for (const directive of directives) expect(SPA_CONTENT_SECURITY_POLICY).toContain(`${directive} `);
    expect(SPA_CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(SPA_CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
  });

  it('deny framing, sniffing and cross-origin referrers as CloudFront does', () => {
    expect(webStack).toContain('HeadersFrameOption.DENY');
    expect(spaSecurityHeaders['X-Frame-Options']).toBe('DENY');
    expect(webStack).toContain('contentTypeOptions: { override: true }');
    expect(spaSecurityHeaders['X-Content-Type-Options']).toBe('nosniff');
    expect(webStack).toContain('HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN');
    expect(spaSecurityHeaders['Referrer-Policy']).toBe('strict-origin-when-cross-origin');
  });
});
