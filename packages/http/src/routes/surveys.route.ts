import type { Services } from '@crm/app';
import {
  idSchema,
  PublicSurveySchema,
  SurveyAnswerInputSchema,
  SurveyInvitationSchema,
  SurveyResultsQuerySchema,
  SurveyResultsSchema,
  SurveySendInputSchema,
  SurveySendResultSchema,
  SurveySendRunSchema,
  SurveyTemplateInputSchema,
  SurveyTemplatePatchSchema,
  SurveyTemplateSchema,
} from '@crm/domain';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.js';
import { forbidPartners, requireAdmin } from '../middleware/authenticate.js';
import {
  bearerSecurity,
  defineRoute,
  errorResponses,
  jsonBody,
  jsonResponse,
  publicAccess,
} from '../openapi.js';
import { actorOf } from './actor.js';
import { cursorPageSchema, PublicLinkParam, pageQueryShape } from './page-query.js';
import { expectedVersion, IfMatchHeader, optionalExpectedVersion } from './version-precondition.js';

const common = { tags: ['surveys'] as ['surveys'], security: bearerSecurity };
const publicCommon = { tags: ['surveys'] as ['surveys'], security: publicAccess };

const SurveyIdParam = z.object({ surveyId: idSchema('a survey id') });
const SendRunParam = z.object({ surveyId: idSchema('a survey id'), runId: idSchema('a send run id') });
const SurveySendRunsSchema = z
  .object({ items: z.array(SurveySendRunSchema).max(50) })
  .openapi('SurveySendRuns');
const CustomerIdParam = z.object({ customerId: idSchema('a customer id') });
const ListQuerySchema = z.strictObject({
  ...pageQueryShape(),
});
const SurveyPageSchema = cursorPageSchema('SurveyPage', z.array(SurveyTemplateSchema).max(200));
const CustomerSurveysSchema = z
  .object({ items: z.array(SurveyInvitationSchema).max(100) })
  .openapi('CustomerSurveys');

const routes = {
  list: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/surveys',
    operationId: 'listSurveys',
    summary: 'Satisfaction and loyalty surveys (满意度, 忠诚度), newest first',
    description: 'Each template with its status and how many invitations were sent and answered.',
    request: { query: ListQuerySchema },
    responses: { ...errorResponses(403), 200: jsonResponse(SurveyPageSchema, 'A page of surveys') },
  }),
  get: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/surveys/{surveyId}',
    operationId: 'getSurvey',
    summary: 'One survey template',
    description: 'Title, intro and questions in Chinese and English, status and counts.',
    request: { params: SurveyIdParam },
    responses: { ...errorResponses(403), 200: jsonResponse(SurveyTemplateSchema, 'The survey') },
  }),
  create: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/surveys',
    operationId: 'createSurvey',
    summary: 'Create a survey template (admin), as a draft',
    description:
      'Questions: Likert (李克特量表, 1–5 or 1–7 with labelled ends), semantic differential (语义差异, ' +
      '1–7 between two adjectives), NPS (0–10), CSAT (1–5) and free text, each in zh and en.',
    request: { body: jsonBody(SurveyTemplateInputSchema) },
    responses: { 201: jsonResponse(SurveyTemplateSchema, 'The survey'), ...errorResponses(403) },
  }),
  update: defineRoute({
    ...common,
    method: 'patch',
    path: '/v1/surveys/{surveyId}',
    operationId: 'updateSurvey',
    summary: 'Change a survey (admin; If-Match or body version required)',
    description:
      'Title and intro any time; questions only while a draft; status draft → active → archived ' +
      '(archived → active again). An archived survey’s links stop working. 409 stale or not allowed, 428 without a version.',
    request: { params: SurveyIdParam, body: jsonBody(SurveyTemplatePatchSchema), headers: IfMatchHeader },
    responses: { 200: jsonResponse(SurveyTemplateSchema, 'The survey'), ...errorResponses(403, 409, 428) },
  }),
  remove: defineRoute({
    ...common,
    method: 'delete',
    path: '/v1/surveys/{surveyId}',
    operationId: 'deleteSurvey',
    summary: 'Delete a survey that was never sent (admin)',
    description:
      'A sent survey keeps its answers: archive it instead (409). With If-Match, only at that version.',
    request: { params: SurveyIdParam, headers: IfMatchHeader },
    responses: { 204: { description: 'Deleted' }, ...errorResponses(403, 409) },
  }),
  send: defineRoute({
    ...common,
    method: 'post',
    path: '/v1/surveys/{surveyId}/send',
    operationId: 'sendSurvey',
    summary: 'Send an active survey to customers, each with a personal one-time link',
    description:
      'Mails each customer’s primary contact (or any contact, or the customer’s own address) a link valid for ' +
      '30 days. Each customer is invited once per survey: a repeat or overlapping send passes over those ' +
      'invited before. With `customerIds` (at most 200): 200 with who was sent it and who was skipped (unknown, ' +
      'archived, refused consent, no address, already invited). With `segmentId` (any size): 202 with a send ' +
      'run that goes on page by page; read its progress at `/v1/surveys/{surveyId}/send-runs/{runId}`. An ' +
      'unknown or empty segment: 400 on `segmentId`. A survey that is not active: 409.',
    request: { params: SurveyIdParam, body: jsonBody(SurveySendInputSchema) },
    responses: {
      200: jsonResponse(SurveySendResultSchema, 'Who was sent the survey, who was skipped'),
      202: jsonResponse(SurveySendRunSchema, 'The send run to the segment, started'),
      ...errorResponses(403, 409),
    },
  }),
  sendRuns: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/surveys/{surveyId}/send-runs',
    operationId: 'listSurveySendRuns',
    summary: 'The survey’s sends to segments, newest first (at most 50)',
    description: 'Each run with its status (`running`, `finished`, `failed`) and counts.',
    request: { params: SurveyIdParam },
    responses: { ...errorResponses(403), 200: jsonResponse(SurveySendRunsSchema, 'The send runs') },
  }),
  sendRun: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/surveys/{surveyId}/send-runs/{runId}',
    operationId: 'getSurveySendRun',
    summary: 'One send of the survey to a segment: status and counts',
    description:
      'Counts: members examined, invited, already invited (by an earlier send), skipped for refused consent, ' +
      'no address or archived, and mails the outbox refused (bounced). `failed` carries the reason.',
    request: { params: SendRunParam },
    responses: { ...errorResponses(403), 200: jsonResponse(SurveySendRunSchema, 'The send run') },
  }),
  results: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/surveys/{surveyId}/results',
    operationId: 'getSurveyResults',
    summary: 'Survey results: NPS, CSAT, per-item means, per month, response rate',
    description:
      'Over answers given from `from` to `to` (days, UTC, inclusive; default the last 12 months). NPS = % of ' +
      '9–10 minus % of 0–6; CSAT = % of 4–5; `responseRate` = answered of those sent in the range.',
    request: { params: SurveyIdParam, query: SurveyResultsQuerySchema },
    responses: { ...errorResponses(403), 200: jsonResponse(SurveyResultsSchema, 'The results') },
  }),
  customerSurveys: defineRoute({
    ...common,
    method: 'get',
    path: '/v1/customers/{customerId}/surveys',
    operationId: 'listCustomerSurveys',
    summary: 'The surveys a customer was sent, with their answers (newest first)',
    description:
      'Each invitation: when sent and to which address, and once answered the answers and the 1–5 rating.',
    request: { params: CustomerIdParam },
    responses: { ...errorResponses(403), 200: jsonResponse(CustomerSurveysSchema, 'The customer’s surveys') },
  }),
  publicGet: defineRoute({
    ...publicCommon,
    method: 'get',
    path: '/v1/public/surveys/{link}',
    operationId: 'getPublicSurvey',
    summary: 'The survey behind a personal link (no login)',
    description:
      'Only the title, intro, questions and the business’s display name. A used, expired or unknown link ' +
      'answers 404 with the same body. Rate-limited per client address (429).',
    request: { params: PublicLinkParam },
    responses: { ...errorResponses(429), 200: jsonResponse(PublicSurveySchema, 'The survey') },
  }),
  publicAnswer: defineRoute({
    ...publicCommon,
    method: 'post',
    path: '/v1/public/surveys/{link}',
    operationId: 'answerPublicSurvey',
    summary: 'Answer the survey behind a personal link, once (no login)',
    description:
      'Answers by question id. An answer off its scale, a missing required one or an unknown question: 400 ' +
      'with a field per question (`answers.<id>`) and nothing written. A used, expired or unknown link: 404.',
    request: { params: PublicLinkParam, body: jsonBody(SurveyAnswerInputSchema) },
    responses: { 204: { description: 'Recorded' }, ...errorResponses(429) },
  }),
};

export function surveyRoutes(services: Services) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('/v1/surveys', forbidPartners());
  app.use('/v1/surveys/*', forbidPartners());
  app.use('/v1/customers/:customerId/surveys', forbidPartners());
  app.on('POST', '/v1/surveys', requireAdmin());
  app.on(['PATCH', 'DELETE'], '/v1/surveys/:surveyId', requireAdmin());
  return app
    .openapi(routes.list, async (c) => {
      const { limit, cursor } = c.req.valid('query');
      const page = await services.surveys.list(
        { tenantId: c.var.principal.tenantId },
        { limit, ...(cursor ? { cursor } : {}) },
      );
      return c.json({ items: page.items, nextCursor: page.cursor }, 200);
    })
    .openapi(routes.get, async (c) =>
      c.json(
        await services.surveys.get({ tenantId: c.var.principal.tenantId, ...c.req.valid('param') }),
        200,
      ),
    )
    .openapi(routes.create, async (c) =>
      c.json(await services.surveys.create(actorOf(c.var.principal), c.req.valid('json')), 201),
    )
    .openapi(routes.update, async (c) => {
      const body = c.req.valid('json');
      return c.json(
        await services.surveys.update(
          { ...actorOf(c.var.principal), ...c.req.valid('param') },
          body,
          expectedVersion(c.req.header('if-match'), body.version),
        ),
        200,
      );
    })
    .openapi(routes.remove, async (c) => {
      await services.surveys.remove(
        { ...actorOf(c.var.principal), ...c.req.valid('param') },
        optionalExpectedVersion(c.req.header('if-match')),
      );
      return c.body(null, 204);
    })
    .openapi(routes.send, async (c) => {
      const sent = await services.surveys.send(
        { ...actorOf(c.var.principal), ...c.req.valid('param') },
        c.req.valid('json'),
      );
      return sent.kind === 'run' ? c.json(sent.run, 202) : c.json(sent.result, 200);
    })
    .openapi(routes.sendRuns, async (c) =>
      c.json(
        {
          items: await services.surveys.sendRuns({
            tenantId: c.var.principal.tenantId,
            ...c.req.valid('param'),
          }),
        },
        200,
      ),
    )
    .openapi(routes.sendRun, async (c) =>
      c.json(
        await services.surveys.sendRun({ tenantId: c.var.principal.tenantId, ...c.req.valid('param') }),
        200,
      ),
    )
    .openapi(routes.results, async (c) =>
      c.json(
        await services.surveys.results(
          { tenantId: c.var.principal.tenantId, ...c.req.valid('param') },
          c.req.valid('query'),
        ),
        200,
      ),
    )
    .openapi(routes.customerSurveys, async (c) =>
      c.json(
        {
          items: await services.surveys.ofCustomer({
            tenantId: c.var.principal.tenantId,
            ...c.req.valid('param'),
          }),
        },
        200,
      ),
    )
    .openapi(routes.publicGet, async (c) =>
      c.json(
        await services.surveys.publicSurvey(c.req.valid('param').link, {
          clientAddress: c.var.clientAddress,
        }),
        200,
      ),
    )
    .openapi(routes.publicAnswer, async (c) => {
      await services.surveys.answer(c.req.valid('param').link, c.req.valid('json'), {
        clientAddress: c.var.clientAddress,
      });
      return c.body(null, 204);
    });
}
