export type { SurveyCaller, SurveyRequestOrigin } from './survey.service.js';
export {
  SURVEY_CLAIM_LEASE_MS,
  SURVEY_PAGE_THROTTLE,
  SURVEY_SEND_BUDGET_MS,
  SURVEY_SEND_LEASE_MS,
  SURVEY_SEND_PAGE,
  SurveyService,
} from './survey.service.js';
export type { SurveySendResumeOutcome } from './surveys.jobs.js';
export { RESUME_SURVEY_SENDS_PER_PASS, resumeSurveySends } from './surveys.jobs.js';
