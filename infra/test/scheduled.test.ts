import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, it } from 'vitest';
import { templatesFor } from './helpers.js';

describe('scheduled stack', () => {
  const { app } = templatesFor('dev');
  const scheduled = Template.fromStack(app.scheduled);

  it('invokes the nightly refit Lambda at 02:00 UTC through EventBridge Scheduler', () => {
    scheduled.resourceCountIs('AWS::Scheduler::Schedule', 1);
    scheduled.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 2 * * ? *)',
      ScheduleExpressionTimezone: 'Etc/UTC',
      State: 'ENABLED',
      Target: {
        Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^NightlyRefit'), 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 7200 },
      },
    });
  });

  it('runs the refit handler on Node 22 arm64 for up to 15 minutes with TABLE_NAME', () => {
    scheduled.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Timeout: 900,
      Environment: { Variables: Match.objectLike({ TABLE_NAME: Match.anyValue() }) },
    });
  });
});
