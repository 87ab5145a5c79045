// @archlab/sim: the system-design model, its analytic and discrete-event engines, and the design
// challenges graded from them. Pure TypeScript: no React, DOM, Node built-ins or timers.

// Model
export { componentCatalogue, componentTypes, propertyDescriptors } from './model/catalogue.ts';
export type { Behaviour, ComponentProps, ComponentSpec, ComponentType, PropertyDescriptor, PropertyKey, PropertyKind } from './model/catalogue.ts';
export { CURRENT_DESIGN_VERSION, edgeProtocols } from './model/schema.ts';
export type { ClassDocument, DesignDocument, DocumentProps, EdgeDocument, EdgeProtocol, NodeDocument, RequestKind } from './model/schema.ts';
export type { ServiceTime } from './model/service-time.ts';
export type { TrafficProfile } from './model/traffic-profile.ts';
export { parseDesign, validateDesign } from './model/validate.ts';
export type { DesignValidation } from './model/validate.ts';
export { DesignValidationError, formatIssue } from './model/design-issue.ts';
export type { DesignIssue } from './model/design-issue.ts';
export { DesignMigrationError, designMigrations, migrateDesign } from './model/migrate.ts';
export type { DesignMigration, MigrationResult } from './model/migrate.ts';

// Analytic engine
export { analyze, UnknownReferenceError } from './analytic/analyze.ts';
export { AnalyzerDestroyedError, createAnalyzer } from './analytic/analyzer.ts';
export type { Analyzer, AnalyzerOutput, AnalyzerParams } from './analytic/analyzer.ts';
export type {
  AnalysisResult,
  AnalyzeOptions,
  Bottleneck,
  ClassAnalysis,
  ClassFlow,
  EdgeAnalysis,
  LatencySummary,
  NodeAnalysis,
  SinglePointOfFailure,
} from './analytic/types.ts';
export { erlangB, erlangC, responseTimePercentile, stableQueue } from './math/erlang-c.ts';
export type { ServiceShape, StableQueue } from './math/erlang-c.ts';

// Discrete-event simulation
export { createSimulation, simulate, SimulationDestroyedError, SimulationScenarioError } from './des/simulation.ts';
export type { SimulationHandle, SimulationProgress } from './des/simulation.ts';
export type { NodeFault, SimulationOptions, SimulationScenario } from './des/scenario.ts';
export type { ClassSimSummary, NodeSimSummary, SimLatency, SimulationResult, SimulationSeries } from './des/result.ts';
export type { FailureReason } from './des/engine.ts';

// Challenges
export { gradeChallenge, parseScenario } from './challenges/grader.ts';
export type { GradeOptions } from './challenges/grader.ts';
export { builtInChallenges } from './challenges/scenarios/index.ts';
export type { Challenge } from './challenges/challenge.ts';
export { CURRENT_SCENARIO_VERSION } from './challenges/scenario-schema.ts';
export type { ChallengeScenario, ChallengeScenarioInput, Constraint, FaultSpec, ScenarioClass, Slo } from './challenges/scenario-schema.ts';
export { verdictOf } from './challenges/report.ts';
export type { CheckResult, CheckStatus, Report, Verdict } from './challenges/report.ts';
