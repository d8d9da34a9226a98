import type { Context } from 'hono';
import { getConnInfo } from 'hono/aws-lambda';

/**
 * The caller's address for the per-address sign-in throttle. Through CloudFront, API Gateway
 * sees an edge server, so CloudFront's `CloudFront-Viewer-Address` (`ip:port`, forwarded by the
 * origin request policy) names the viewer. A caller going to the API's own endpoint can forge
 * that header: it only escapes the per-address limit then, never the per-e-mail one.
 */
export function lambdaClientAddress(c: Context): string | undefined {
  const viewer = c.req.header('cloudfront-viewer-address');
  if (viewer) return viewer.slice(0, viewer.lastIndexOf(':')) || viewer;
  return getConnInfo(c).remote.address;
}
