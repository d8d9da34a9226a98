// The public surface of @crm/analytics: pure numerics, no I/O. The CLI and its file reader
// (cli.ts, transactions-file.ts) are the package's only I/O edge and are not exported here.
export {
  type AbcClass,
  type AbcClassification,
  type AbcCutoffs,
  type AbcItem,
  type AbcRanked,
  type AbcThresholds,
  abcClassOf,
  classifyAbc,
  defaultAbcThresholds,
} from './abc.js';
export {
  type BgNbdFit,
  type BgNbdParams,
  bgNbdLogLikelihood,
  expectedPurchases,
  expectedPurchasesNew,
  type FitBgNbdOptions,
  fitBgNbd,
  medianWeeksToNextPurchase,
  probabilityAlive,
  probabilityOfPurchases,
  type RepeatBuying,
} from './bgnbd.js';
export {
  type Clv,
  type ClvOptions,
  customerLifetimeValue,
  discountedExpectedPurchases,
  WEEKS_PER_MONTH,
} from './clv.js';
export {
  type CnbdFit,
  type CnbdParams,
  type CnbdVariant,
  cnbdExpectedPurchases,
  cnbdLogLikelihood,
  cnbdNextPurchaseSurvival,
  cnbdProbabilityAlive,
  cnbdProbabilityOfPurchase,
  fitCnbd,
  fitCnbdChoosingK,
  type TimedRepeatBuying,
} from './cnbd.js';
export { AnalyticsError, type AnalyticsErrorCode, analyticsErrorCodes } from './errors.js';
export {
  expectedSpend,
  fitGammaGamma,
  type GammaGammaFit,
  type GammaGammaParams,
  gammaGammaLogLikelihood,
  type SpendHistory,
} from './gamma-gamma.js';
export {
  type CumulativeWeek,
  compareHoldout,
  compareHoldoutWith,
  type FrequencyBucket,
  type HoldoutComparison,
  type HoldoutForecaster,
} from './holdout.js';
export {
  defaultLifecycleThresholds,
  defaultRelationshipThresholds,
  type LifecycleInputs,
  type LifecycleStage,
  type LifecycleSuggestion,
  type LifecycleThresholds,
  lifecycleStageNames,
  lifecycleStages,
  purchaseTrend,
  type RelationshipLevel,
  type RelationshipSuggestion,
  type RelationshipThresholds,
  relationshipLevelNames,
  relationshipLevels,
  suggestLifecycleStage,
  suggestRelationshipLevel,
} from './lifecycle.js';
export {
  calibrationCutoffFor,
  choosePurchaseModel,
  compareModelsOnHoldout,
  defaultCandidateModels,
  forecasterOf,
  type HoldoutModelComparison,
  MAX_TRACKING_POINTS,
  type ModelCandidate,
  type PurchaseModelChoice,
} from './model-choice.js';
export { customerLifetimeValueOf, expectedSpendOf, type SpendModel } from './model-clv.js';
export { type MonthlyRate, monthlyRates } from './monthly-rates.js';
export {
  type BfgsOptions,
  type MinimizeResult,
  minimizeBfgs,
  minimizeNelderMead,
  type NelderMeadOptions,
  numericGradient,
  type Objective,
  type ObjectiveWithGradient,
} from './optimize.js';
export {
  type DropoutTermMethod,
  fitParetoNbd,
  type ParetoNbdFit,
  type ParetoNbdParams,
  paretoNbdExpectedPurchases,
  paretoNbdLogLikelihood,
  paretoNbdNextPurchaseSurvival,
  paretoNbdProbabilityAlive,
  paretoNbdProbabilityOfPurchase,
} from './pareto-nbd.js';
export {
  type CustomerForecast,
  customerForecastOf,
  discountedExpectedPurchasesOf,
  discountedPurchases,
  erlangShapeOf,
  expectedPurchasesOf,
  fitPinnedPurchaseModel,
  fitPurchaseModel,
  fitPurchaseModels,
  type NextPurchaseWindow,
  nextPurchaseWindowOf,
  type PurchaseModel,
  type PurchaseModelFit,
  type PurchaseModelName,
  type PurchaseModelPin,
  probabilityAliveOf,
  probabilityOfPurchaseOf,
  purchaseModelNames,
} from './purchase-model.js';
export { quantileScale, rankOnScale } from './quantile-scale.js';
export { type RegularityEstimate, wheatMorrisonRegularity } from './regularity.js';
export {
  type RfmCutoffs,
  type RfmScore,
  type RfmSegment,
  type RfmValues,
  rfmCutoffs,
  rfmSegment,
  rfmSegmentNames,
  rfmSegments,
  rfmValues,
  scoreRfm,
} from './rfm.js';
export { type CustomerScore, type ScoringInput, type ScoringParams, scoreCustomer } from './score.js';
export { sampleGamma, seededRandom, simulateCnbdTransactions } from './simulation.js';
export { digamma, hyp2f1, logAddExp, logGamma } from './special.js';
export { expectedSpendShrunk, type ShrunkMeanSpend, shrunkMeanSpend } from './spend-fallback.js';
export {
  type CustomerSummary,
  dayNumber,
  type HoldoutSummary,
  isoDay,
  purchaseDaysByCustomer,
  summarizeHoldout,
  summarizeTransactions,
  summarizeWithHoldout,
  type Transaction,
} from './summary.js';
export {
  type ExpectedNewCustomer,
  type TrackingCurve,
  trackingCurves,
  trackingWeeks,
} from './tracking-curve.js';
export { type ValueDecile, valueDeciles } from './value-deciles.js';
export {
  compositeValueIndex,
  defaultValueWeights,
  percentileRank,
  scaleTo100,
  type ValueComponent,
  type ValueDimension,
  type ValueIndex,
  type ValueScores,
  type ValueWeights,
  valueDimensionNames,
  valueDimensions,
} from './value-index.js';
