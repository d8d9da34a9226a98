import { useLocale } from '../../lib/i18n/i18n-context.js';

type LocalName = { zh: string; en: string };

/** A stage or pipeline name in the reader's language (the API keeps both). */
export function useStageName() {
  const { locale } = useLocale();
  return (name: LocalName) => (locale() === 'en' ? name.en : name.zh);
}

type NamedStage = { key: string; name: LocalName };
type PipelineStages = { key: string; stages: readonly NamedStage[] };

/** The stage with `key` among `stages`, named in the reader's language; the key when none has it. */
export function useNamedStage() {
  const stageName = useStageName();
  return (stages: readonly NamedStage[] | undefined, key: string) => {
    const stage = stages?.find((candidate) => candidate.key === key);
    return stage ? stageName(stage.name) : key;
  };
}

/**
 * A deal's stage in the reader's language, looked up in the deal's own pipeline; the stage key
 * when the pipelines are not at hand or the stage has since been removed.
 */
export function useDealStageName() {
  const named = useNamedStage();
  return (pipelines: readonly PipelineStages[] | undefined, deal: { pipeline: string; stage: string }) =>
    named(pipelines?.find((pipeline) => pipeline.key === deal.pipeline)?.stages, deal.stage);
}

/**
 * A stage named by its key alone (a report groups by stage key across pipelines): the name of the
 * first pipeline stage with that key; the key when no pipeline has it any more.
 */
export function useStageKeyName() {
  const named = useNamedStage();
  return (pipelines: readonly PipelineStages[] | undefined, key: string) =>
    named(
      pipelines?.flatMap((pipeline) => pipeline.stages),
      key,
    );
}
