import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type IPolicyValidationPlugin, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { type CrmApp, createCrmApp } from '../lib/app.js';

/** A tiny SPA build, so tests never depend on `npm run build --workspace web`. */
export const fixtureWebDist = fileURLToPath(new URL('./fixtures/web-dist/', import.meta.url));

/** The feature flags of the real app (cdk.json), so tests see what `cdk synth` produces. */
const cdkJsonContext = (
  JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  }
).context;

export type TestAppOptions = {
  readonly stage?: string;
  readonly webDistPath?: string;
  readonly nag?: boolean;
  readonly context?: Readonly<Record<string, string>>;
  /** Policy-validation plugins run at synthesis (e.g. Control Tower's rules through cfn-guard). */
  readonly policyValidation?: IPolicyValidationPlugin[];
  /** Where the assembly (and a validation report) is written. @default - a temporary directory */
  readonly outdir?: string;
  /** Bundle every Lambda with esbuild, as `cdk synth` does. @default false (skipped for speed) */
  readonly bundling?: boolean;
};

/** The real app for a stage, with esbuild bundling skipped (`aws:cdk:bundling-stacks: []`) for speed unless asked. */
export function buildTestApp(options: TestAppOptions = {}): CrmApp {
  const crm = createCrmApp({
    nag: options.nag ?? false,
    appProps: {
      ...(options.outdir ? { outdir: options.outdir } : {}),
      context: {
        ...cdkJsonContext,
        'aws:cdk:bundling-stacks': options.bundling ? ['**'] : [],
        stage: options.stage ?? 'dev',
        webDistPath: options.webDistPath ?? fixtureWebDist,
        ...options.context,
      },
    },
  });
  if (options.policyValidation) Validations.of(crm.app).addPlugins(...options.policyValidation);
  return crm;
}

export type StackTemplates = {
  readonly app: CrmApp;
  readonly data: Template;
  readonly api: Template;
  readonly streams: Template;
  readonly scheduled: Template;
  readonly web: Template;
};

const cache = new Map<string, StackTemplates>();

/** Templates of the stacks for a stage, synthesized once per test file and stage. */
export function templatesFor(stage = 'dev'): StackTemplates {
  const cached = cache.get(stage);
  if (cached) return cached;
  const app = buildTestApp({ stage });
  const templates = {
    app,
    data: Template.fromStack(app.data),
    api: Template.fromStack(app.api),
    streams: Template.fromStack(app.streams),
    scheduled: Template.fromStack(app.scheduled),
    web: Template.fromStack(app.web),
  };
  cache.set(stage, templates);
  return templates;
}

type Statement = {
  Sid?: string;
  Effect?: string;
  Action?: string | string[];
  Resource?: unknown;
  Condition?: Record<string, unknown>;
};

/** Every IAM policy statement in a template (inline policies and role trust policies excluded). */
export function policyStatements(template: Template): Statement[] {
  const policies = template.findResources('AWS::IAM::Policy');
  return Object.values(policies).flatMap(
    (policy) =>
      (policy as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument
        .Statement,
  );
}

/** The statements of the policies attached to the roles whose logical ids start with `rolePrefix`. */
export function policyStatementsOfRole(template: Template, rolePrefix: string): Statement[] {
  const policies = template.findResources('AWS::IAM::Policy');
  return Object.values(policies).flatMap((policy) => {
    const { Roles, PolicyDocument } = (
      policy as { Properties: { Roles?: { Ref?: string }[]; PolicyDocument: { Statement: Statement[] } } }
    ).Properties;
    return (Roles ?? []).some((role) => role.Ref?.startsWith(rolePrefix)) ? PolicyDocument.Statement : [];
  });
}

export function actionsOf(statement: Statement): string[] {
  const action = statement.Action;
  return action === undefined ? [] : Array.isArray(action) ? action : [action];
}
