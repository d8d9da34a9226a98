export type {
  SurveyAnswerCheck,
  SurveyAnswerInput,
  SurveyAnswerIssue,
  SurveyAnswerValue,
} from './survey-answer.js';
export { checkSurveyAnswers, SurveyAnswerInputSchema, SurveyAnswerValueSchema } from './survey-answer.js';
export type {
  PublicSurvey,
  SurveyInvitation,
  SurveySendInput,
  SurveySendResult,
} from './survey-invitation.schema.js';
export {
  PublicSurveySchema,
  SURVEY_LINK_DAYS,
  SURVEY_SEND_MAX,
  SurveyInvitationSchema,
  SurveySendInputSchema,
  SurveySendResultSchema,
  surveySkipReasons,
} from './survey-invitation.schema.js';
export type {
  SurveyRecipientDecision,
  SurveyRecipientSkip,
  SurveyRunOutcome,
} from './survey-recipient.js';
export { addSurveyRunOutcomes, decideSurveyRecipient } from './survey-recipient.js';
export type { SurveyResults } from './survey-results.schema.js';
export { SurveyResultsQuerySchema, SurveyResultsSchema } from './survey-results.schema.js';
export type {
  CsatFigure,
  MonthlySurveyFigures,
  NpsFigure,
  SurveyFigures,
  SurveyItemFigure,
} from './survey-scoring.js';
export {
  csatOf,
  meanOf,
  monthlySurveyFigures,
  npsOf,
  satisfactionRatingOf,
  surveyFigures,
} from './survey-scoring.js';
export type { SurveySendCounts, SurveySendRun, SurveySendRunStatus } from './survey-send-run.schema.js';
export {
  emptySurveySendCounts,
  SurveySendCountsSchema,
  SurveySendRunSchema,
  surveySendRunStatuses,
} from './survey-send-run.schema.js';
export type {
  LocalizedText,
  SurveyQuestion,
  SurveyQuestionKind,
  SurveyStatus,
  SurveyTemplate,
  SurveyTemplateInput,
  SurveyTemplatePatch,
} from './survey-template.schema.js';
export {
  CsatQuestionSchema,
  canChangeSurveyStatus,
  LikertQuestionSchema,
  LocalizedTextSchema,
  NpsQuestionSchema,
  SemanticQuestionSchema,
  SurveyQuestionSchema,
  SurveyStatusSchema,
  SurveyTemplateInputSchema,
  SurveyTemplatePatchSchema,
  SurveyTemplateSchema,
  scaleOf,
  surveyQuestionKinds,
  surveyStatuses,
  TextQuestionSchema,
} from './survey-template.schema.js';
