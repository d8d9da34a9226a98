/**
 * The security headers CloudFront's response headers policy adds in AWS
 * (infra/lib/stacks/web-stack.ts, `SecurityHeaders`), for the local runtime, which has no
 * CloudFront in front: keep the two in step (spa-security-headers.test.ts compares them). The API
 * is same-origin locally, so `connect-src` is `'self'` where AWS names the API's domain; HSTS is
 * left out, as the local server speaks plain HTTP.
 */
export const SPA_CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

export const spaSecurityHeaders = {
  'Content-Security-Policy': SPA_CONTENT_SECURITY_POLICY,
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
} as const;

/**
 * Sets each header a response lacks. A response that chose its own (the API docs page's CSP)
 * keeps it, as CloudFront's override would not: the local page must work where AWS's works.
 */
export function addSpaSecurityHeaders(headers: Headers): void {
  for (const [name, value] of Object.entries(spaSecurityHeaders)) {
    if (!headers.has(name)) headers.set(name, value);
  }
}
