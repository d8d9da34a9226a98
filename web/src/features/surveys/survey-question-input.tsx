import { createUniqueId, For, Show } from 'solid-js';
import type { components } from '../../lib/api/schema.js';

export type SurveyQuestion = components['schemas']['SurveyQuestion'];
export type LocalizedText = components['schemas']['LocalizedText'];
export type SurveyLanguage = 'zh' | 'en';
export type AnswerValue = number | string;

export const textIn = (text: LocalizedText, language: SurveyLanguage) =>
  language === 'en' ? text.en : text.zh;

/** The points a scored question offers, in order; empty for free text. */
export function pointsOf(question: SurveyQuestion): number[] {
  const range = (min: number, max: number) => Array.from({ length: max - min + 1 }, (_, i) => min + i);
  switch (question.kind) {
    case 'likert':
      return range(1, question.points);
    case 'semantic':
      return range(1, 7);
    case 'nps':
      return range(0, 10);
    case 'csat':
      return range(1, 5);
    default:
      return [];
  }
}

/** The labels at the two ends of a scale, where the question has them. */
function endsOf(question: SurveyQuestion, language: SurveyLanguage): [string, string] | undefined {
  if (question.kind === 'likert')
    return [textIn(question.lowLabel, language), textIn(question.highLabel, language)];
  if (question.kind === 'semantic')
    return [textIn(question.left, language), textIn(question.right, language)];
  if (question.kind === 'nps')
    return language === 'en' ? ['Not at all likely', 'Extremely likely'] : ['完全不可能', '非常可能'];
  if (question.kind === 'csat')
    return language === 'en' ? ['Very dissatisfied', 'Very satisfied'] : ['非常不满意', '非常满意'];
  return undefined;
}

/**
 * One question as the customer answers it: a row of large radio buttons (thumb-sized on a phone)
 * between the scale's labelled ends, or a text area.
 */
export function SurveyQuestionInput(props: {
  question: SurveyQuestion;
  language: SurveyLanguage;
  value: AnswerValue | undefined;
  onChange: (value: AnswerValue) => void;
  error?: string | undefined;
  requiredLabel: string;
}) {
  const id = createUniqueId();
  const ends = () => endsOf(props.question, props.language);
  return (
    <fieldset
      class="survey-question"
      data-question={props.question.id}
      data-invalid={props.error ? '' : undefined}
    >
      <legend class="survey-question__text">
        {textIn(props.question.text, props.language)}
        <Show when={props.question.required}>
          <span class="survey-question__required"> ({props.requiredLabel})</span>
        </Show>
      </legend>
      <Show
        when={props.question.kind !== 'text'}
        fallback={
          <textarea
            class="field__input survey-question__textarea"
            name={props.question.id}
            rows={3}
            maxLength={2000}
            value={typeof props.value === 'string' ? props.value : ''}
            onInput={(event) => props.onChange(event.currentTarget.value)}
          />
        }
      >
        <div class="survey-scale">
          <For each={pointsOf(props.question)}>
            {(point) => (
              <label class="survey-scale__point">
                <input
                  type="radio"
                  name={`${id}-${props.question.id}`}
                  value={point}
                  checked={props.value === point}
                  onChange={() => props.onChange(point)}
                />
                <span>{point}</span>
              </label>
            )}
          </For>
        </div>
        <Show when={ends()}>
          {(labels) => (
            <div class="survey-scale__ends" aria-hidden="true">
              <span>{labels()[0]}</span>
              <span>{labels()[1]}</span>
            </div>
          )}
        </Show>
      </Show>
      <Show when={props.error}>
        <p class="field__error" role="alert">
          {props.error}
        </p>
      </Show>
    </fieldset>
  );
}
