import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { actionsOf, buildTestApp, templatesFor } from './helpers.js';

type Resource = { Type: string; Properties: Record<string, unknown> };

describe('scheduled stack', () => {
  const { app } = templatesFor('dev');
  const scheduled = Template.fromStack(app.scheduled);
  const functionId = (prefix: string) => {
    const [id] = Object.keys(scheduled.findResources('AWS::Lambda::Function')).filter((key) =>
      key.startsWith(prefix),
    );
    if (!id) throw new Error(`no function ${prefix}`);
    return id;
  };
  const dispatcher = functionId('NightlyDispatcher');
  const worker = functionId('NightlyWorker');

  it('invokes the nightly dispatcher at 02:00 UTC through EventBridge Scheduler', () => {
    scheduled.resourceCountIs('AWS::Scheduler::Schedule', 1);
    scheduled.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 2 * * ? *)',
      ScheduleExpressionTimezone: 'Etc/UTC',
      State: 'ENABLED',
      Target: {
        Arn: { 'Fn::GetAtt': [dispatcher, 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 7200 },
      },
    });
  });

  it('feeds the worker one tenant per message from a queue, with bounded concurrency and partial batch failures', () => {
    scheduled.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: worker },
      EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^NightlyQueue'), 'Arn'] },
      BatchSize: 1,
      ScalingConfig: { MaximumConcurrency: 50 },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    scheduled.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Timeout: 900,
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'crm-nightly',
          TENANT_ROLE_ARN: Match.anyValue(),
        }),
      },
    });
  });

  it('lets the worker put the rest of a night cut short back on its own queue, and no other', () => {
    const queueId = Object.keys(scheduled.findResources('AWS::SQS::Queue')).find((id) =>
      id.startsWith('NightlyQueue'),
    );
    const variables = (scheduled.findResources('AWS::Lambda::Function')[worker] as Resource | undefined)
      ?.Properties.Environment as { Variables: Record<string, unknown> };
    expect(variables.Variables.NIGHTLY_QUEUE_URL).toEqual({ Ref: queueId });
    const sends = Object.values(scheduled.findResources('AWS::IAM::Policy'))
      .filter((policy) =>
        JSON.stringify((policy as Resource).Properties.Roles).includes(worker.replace(/[0-9A-F]{8}$/, '')),
      )
      .flatMap(
        (policy) =>
          (policy as { Properties: { PolicyDocument: { Statement: Parameters<typeof actionsOf>[0][] } } })
            .Properties.PolicyDocument.Statement,
      )
      .filter((statement) => actionsOf(statement).includes('sqs:SendMessage'));
    expect(sends.map((statement) => statement.Resource)).toContainEqual({ 'Fn::GetAtt': [queueId, 'Arn'] });
    for (const statement of sends) {
      expect(JSON.stringify(statement.Resource)).toMatch(/NightlyQueue|WebhookDeliveryQueue/);
    }
  });

  it('retries a failed tenant alone, three receives, then keeps it in an alarmed DLQ', () => {
    const queues = scheduled.findResources('AWS::SQS::Queue') as Record<string, Resource>;
    const nightly = Object.entries(queues).find(([id]) => id.startsWith('NightlyQueue'))?.[1];
    const [dlq] = Object.keys(queues).filter((id) => id.startsWith('NightlyDeadLetters'));
    expect(nightly?.Properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] },
      maxReceiveCount: 3,
    });
    // The visibility timeout is six times the worker's 15 minutes: a retry never overlaps a run.
    expect(nightly?.Properties.VisibilityTimeout).toBe(5400);
    scheduled.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlq, 'QueueName'] } }],
    });
  });

  it('lets the dispatcher read the table and send to the queue, and gives the worker only the tenant-scoped role', () => {
    const ofRole = (fn: string) =>
      Object.values(scheduled.findResources('AWS::IAM::Policy'))
        .filter((policy) =>
          JSON.stringify((policy as Resource).Properties.Roles).includes(fn.replace(/[0-9A-F]{8}$/, '')),
        )
        .flatMap(
          (policy) =>
            (policy as { Properties: { PolicyDocument: { Statement: Parameters<typeof actionsOf>[0][] } } })
              .Properties.PolicyDocument.Statement,
        );
    const workerActions = ofRole(worker).flatMap(actionsOf);
    expect(workerActions.filter((action) => action.startsWith('dynamodb:'))).toEqual([]);
    expect(workerActions).toEqual(expect.arrayContaining(['sts:AssumeRole', 'sts:TagSession']));
    const dispatcherActions = ofRole(dispatcher).flatMap(actionsOf);
    expect(dispatcherActions).toEqual(expect.arrayContaining(['dynamodb:Query', 'sqs:SendMessage']));
    expect(
      dispatcherActions.filter((action) => /^dynamodb:(Put|Update|Delete|BatchWrite)/.test(action)),
    ).toEqual([]);
    // The tenant role the worker assumes: items only under the tenant of its session tag.
    scheduled.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'TenantItemsOnly',
            Condition: Match.objectLike({
              // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a template
              'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['T#${aws:PrincipalTag/TenantId}#*'] },
            }),
          }),
        ]),
      },
    });
  });

  it('keeps the on-demand refit for one tenant, with its failure destination', () => {
    const refit = functionId('Refit');
    scheduled.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: refit },
      DestinationConfig: { OnFailure: Match.anyValue() },
    });
  });

  it('gives the on-demand refit no table rights, only the tenant-scoped role it assumes per tenant', () => {
    const refit = functionId('Refit');
    const refitPolicies = Object.values(scheduled.findResources('AWS::IAM::Policy')).filter((policy) =>
      JSON.stringify((policy as Resource).Properties.Roles).includes('"RefitServiceRole'),
    ) as { Properties: { PolicyDocument: { Statement: Parameters<typeof actionsOf>[0][] } } }[];
    const statements = refitPolicies.flatMap((policy) => policy.Properties.PolicyDocument.Statement);
    expect(statements.flatMap(actionsOf).filter((action) => action.startsWith('dynamodb:'))).toEqual([]);
    const tenantRole = Object.keys(scheduled.findResources('AWS::IAM::Role')).find((id) =>
      id.startsWith('NightlyTenantDataAccessRole'),
    );
    expect(statements).toContainEqual(
      expect.objectContaining({
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Resource: { 'Fn::GetAtt': [tenantRole, 'Arn'] },
      }),
    );
    const refitEnvironment = (scheduled.findResources('AWS::Lambda::Function')[refit] as Resource).Properties
      .Environment;
    expect(refitEnvironment).toMatchObject({
      Variables: {
        POWERTOOLS_SERVICE_NAME: 'crm-scheduled',
        TENANT_ROLE_ARN: { 'Fn::GetAtt': [tenantRole, 'Arn'] },
      },
    });
  });

  it('lets the on-demand refit hand what does not fit in 15 minutes to the nightly queue, and only send there', () => {
    const refit = functionId('Refit');
    const queue = Object.keys(scheduled.findResources('AWS::SQS::Queue')).find(
      (id) => id.startsWith('NightlyQueue') && !id.includes('Dead'),
    );
    expect(queue).toBeDefined();
    const refitEnvironment = (scheduled.findResources('AWS::Lambda::Function')[refit] as Resource).Properties
      .Environment;
    expect(refitEnvironment).toMatchObject({ Variables: { NIGHTLY_QUEUE_URL: { Ref: queue } } });
    const statements = Object.values(scheduled.findResources('AWS::IAM::Policy'))
      .filter((policy) => JSON.stringify((policy as Resource).Properties.Roles).includes('"RefitServiceRole'))
      .flatMap(
        (policy) =>
          (policy as { Properties: { PolicyDocument: { Statement: Parameters<typeof actionsOf>[0][] } } })
            .Properties.PolicyDocument.Statement,
      );
    const onSqs = statements.filter((statement) => actionsOf(statement).some((a) => a.startsWith('sqs:')));
    expect(onSqs).toHaveLength(1);
    // The nightly queue, and the on-failure destination its async invocations already had.
    const failures = Object.keys(scheduled.findResources('AWS::SQS::Queue')).find((id) =>
      id.startsWith('RefitFailures'),
    );
    expect(onSqs[0]?.Resource).toEqual([
      { 'Fn::GetAtt': [queue, 'Arn'] },
      { 'Fn::GetAtt': [failures, 'Arn'] },
    ]);
    expect(actionsOf(onSqs[0] ?? {}).every((action) => /^sqs:(SendMessage|GetQueue)/.test(action))).toBe(
      true,
    );
  });

  it('takes the worker concurrency from context `nightlyConcurrency`, within SQS’s limits', () => {
    const tuned = Template.fromStack(buildTestApp({ context: { nightlyConcurrency: '80' } }).scheduled);
    tuned.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      ScalingConfig: { MaximumConcurrency: 80 },
    });
    expect(() => buildTestApp({ context: { nightlyConcurrency: '1' } })).toThrow(/nightlyConcurrency/);
  });
});
