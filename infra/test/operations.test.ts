import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from './helpers.js';

type Resource = { Type: string; Properties?: Record<string, unknown> };

/** The prod app, every stack: what an operator deploys (mail on, so its handler is covered too). */
const prod = buildTestApp({
  stage: 'prod',
  context: {
    mailFrom: 'CRM <no-reply@crm.example.com>',
    mailIdentity: 'crm.example.com',
    alarmEmail: 'ops@example.com',
  },
});
const stacks = [prod.data, prod.api, prod.streams, prod.scheduled, prod.web, prod.edge];
const templates = stacks.map((stack) => Template.fromStack(stack));
const resources: Resource[] = templates.flatMap(
  (template) => Object.values(template.toJSON().Resources ?? {}) as Resource[],
);
const ofType = (type: string) => resources.filter((resource) => resource.Type === type);

/** Our functions carry a Powertools service name; CDK's own custom-resource handlers do not. */
function applicationFunctions(): { id: string; properties: Record<string, unknown> }[] {
  return templates.flatMap((template) =>
    Object.entries(template.findResources('AWS::Lambda::Function'))
      .filter(([, resource]) => {
        const variables = (resource as Resource).Properties?.Environment as
          | { Variables?: Record<string, unknown> }
          | undefined;
        return variables?.Variables?.POWERTOOLS_SERVICE_NAME !== undefined;
      })
      .map(([id, resource]) => ({ id, properties: (resource as Resource).Properties ?? {} })),
  );
}

const metricNames = () =>
  ofType('AWS::CloudWatch::Alarm').flatMap((alarm) => {
    const properties = alarm.Properties ?? {};
    if (typeof properties.MetricName === 'string') return [properties.MetricName];
    const metrics = (properties.Metrics ?? []) as { MetricStat?: { Metric?: { MetricName?: string } } }[];
    return metrics.flatMap((metric) => metric.MetricStat?.Metric?.MetricName ?? []);
  });

describe('operating the prod app', () => {
  it('alarms on the stream DLQ depth, the consumer’s iterator age, function errors and throttles, API 5xx and table throttles', () => {
    const names = metricNames();
    for (const name of [
      'ApproximateNumberOfMessagesVisible',
      'IteratorAge',
      'Errors',
      'Throttles',
      '5xx',
      'ThrottledRequests',
    ]) {
      expect(names, name).toContain(name);
    }
    // One errors alarm per application function.
    expect(names.filter((name) => name === 'Errors')).toHaveLength(applicationFunctions().length);
  });

  it('sends every alarm, and its return to OK, to the alarm topic, which e-mails the address given', () => {
    for (const alarm of ofType('AWS::CloudWatch::Alarm')) {
      expect(alarm.Properties?.AlarmActions).toHaveLength(1);
      expect(alarm.Properties?.OKActions).toHaveLength(1);
      expect(alarm.Properties?.TreatMissingData).toBe('notBreaching');
    }
    Template.fromStack(prod.data).hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
    });
  });

  it('traces every application function with X-Ray', () => {
    const functions = applicationFunctions();
    expect(functions.length).toBeGreaterThanOrEqual(5);
    for (const fn of functions) expect(fn.properties.TracingConfig, fn.id).toEqual({ Mode: 'Active' });
  });

  it('gives every application function a trigger that reports failures, or an on-failure destination', () => {
    const mapped = new Set(
      ofType('AWS::Lambda::EventSourceMapping').map((mapping) =>
        JSON.stringify(mapping.Properties?.FunctionName),
      ),
    );
    const integrated = new Set(
      ofType('AWS::ApiGatewayV2::Integration').map((integration) =>
        JSON.stringify(integration.Properties?.IntegrationUri),
      ),
    );
    const withFailureDestination = new Set(
      ofType('AWS::Lambda::EventInvokeConfig')
        .filter(
          (config) =>
            (config.Properties?.DestinationConfig as { OnFailure?: unknown } | undefined)?.OnFailure,
        )
        .map((config) => JSON.stringify(config.Properties?.FunctionName)),
    );
    for (const fn of applicationFunctions()) {
      const ref = JSON.stringify({ Ref: fn.id });
      const arn = JSON.stringify({ 'Fn::GetAtt': [fn.id, 'Arn'] });
      const covered = mapped.has(ref) || integrated.has(arn) || withFailureDestination.has(ref);
      expect(covered, `${fn.id} has no failure path`).toBe(true);
    }
  });

  it('gives up on stream records after at most 6 hours, while they are still in the stream', () => {
    const mappings = ofType('AWS::Lambda::EventSourceMapping').filter((mapping) =>
      JSON.stringify(mapping.Properties?.EventSourceArn).includes('StreamArn'),
    );
    expect(mappings).toHaveLength(1);
    for (const mapping of mappings)
      expect(mapping.Properties?.MaximumRecordAgeInSeconds).toBeLessThanOrEqual(21_600);
  });

  it('puts a CLOUDFRONT-scope WAF web ACL in front of the distribution', () => {
    const acls = ofType('AWS::WAFv2::WebACL');
    expect(acls).toHaveLength(1);
    expect(acls[0]?.Properties?.Scope).toBe('CLOUDFRONT');
    const [distribution] = ofType('AWS::CloudFront::Distribution');
    const config = distribution?.Properties?.DistributionConfig as { WebACLId?: unknown } | undefined;
    expect(config?.WebACLId).toBeDefined();
  });

  it('expires noncurrent versions in every versioned bucket', () => {
    const versioned = ofType('AWS::S3::Bucket').filter(
      (bucket) =>
        (bucket.Properties?.VersioningConfiguration as { Status?: string } | undefined)?.Status === 'Enabled',
    );
    expect(versioned.length).toBeGreaterThan(0);
    for (const bucket of versioned) {
      const rules =
        (bucket.Properties?.LifecycleConfiguration as { Rules?: Record<string, unknown>[] } | undefined)
          ?.Rules ?? [];
      expect(rules.some((rule) => rule.NoncurrentVersionExpiration !== undefined)).toBe(true);
    }
  });
});
