import { createSignal, For, Index, Show } from 'solid-js';
import { unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { Button } from '../../lib/ui/button.js';
import { createForm } from '../../lib/ui/create-form.js';
import { FormField } from '../../lib/ui/form-field.js';
import { ChoiceField } from '../customers/form/choice-field.js';
import { surveysMessages } from './messages.js';
import { type SurveyLanguage, type SurveyQuestion, SurveyQuestionInput } from './survey-question-input.js';

type Kind = SurveyQuestion['kind'];
type SurveyTemplate = components['schemas']['SurveyTemplate'];
const kinds: readonly Kind[] = ['likert', 'semantic', 'nps', 'csat', 'text'];

/** A question while it is being written: every kind's fields, the ones of its kind sent. */
type Draft = {
  kind: Kind;
  zh: string;
  en: string;
  required: boolean;
  points: 5 | 7;
  lowZh: string;
  lowEn: string;
  highZh: string;
  highEn: string;
};

const emptyDraft = (kind: Kind): Draft => ({
  kind,
  zh: '',
  en: '',
  required: true,
  points: 5,
  lowZh: '',
  lowEn: '',
  highZh: '',
  highEn: '',
});

/** The API's question from a draft; ids are q1, q2… in order. */
export function questionOf(draft: Draft, index: number): SurveyQuestion {
  const base = { id: `q${index + 1}`, text: { zh: draft.zh, en: draft.en }, required: draft.required };
  const low = { zh: draft.lowZh, en: draft.lowEn };
  const high = { zh: draft.highZh, en: draft.highEn };
  switch (draft.kind) {
    case 'likert':
      return { ...base, kind: 'likert', points: draft.points, lowLabel: low, highLabel: high };
    case 'semantic':
      return { ...base, kind: 'semantic', left: low, right: high };
    default:
      return { ...base, kind: draft.kind };
  }
}

/** The survey builder: title and questions of each kind in 中文 and English, with a live preview. */
export function SurveyBuilder(props: { onCreated: (survey: SurveyTemplate) => void }) {
  const t = useMessages(surveysMessages);
  const api = useApi();
  const form = createForm();
  const [titleZh, setTitleZh] = createSignal('');
  const [titleEn, setTitleEn] = createSignal('');
  const [drafts, setDrafts] = createSignal<Draft[]>([emptyDraft('nps')]);
  const [newKind, setNewKind] = createSignal<Kind>('csat');
  const [previewIn, setPreviewIn] = createSignal<SurveyLanguage>('zh');
  const change = (index: number, patch: Partial<Draft>) =>
    setDrafts(drafts().map((draft, i) => (i === index ? { ...draft, ...patch } : draft)));
  const questions = () => drafts().map(questionOf);
  const save = async () => {
    const created = await unwrap(
      api.POST('/v1/surveys', {
        body: { title: { zh: titleZh(), en: titleEn() }, intro: null, questions: questions() },
      }),
    );
    props.onCreated(created);
  };
  const field = (index: number, key: keyof Draft, label: string, path: string) => (
    <FormField
      name={`questions.${index}.${path}`}
      label={label}
      value={String(drafts()[index]?.[key] ?? '')}
      onChange={(value) => change(index, { [key]: value } as Partial<Draft>)}
      error={form.fieldError(`questions.${index}.${path}`)}
      required
    />
  );
  return (
    <form class="form card survey-builder" onSubmit={form.submit(save)} data-testid="survey-builder">
      <h2 class="card__title">{t('builder.title')}</h2>
      <FormField
        name="title.zh"
        label={t('builder.titleZh')}
        value={titleZh()}
        onChange={setTitleZh}
        error={form.fieldError('title.zh')}
        required
      />
      <FormField
        name="title.en"
        label={t('builder.titleEn')}
        value={titleEn()}
        onChange={setTitleEn}
        error={form.fieldError('title.en')}
        required
      />
      <ol class="survey-builder__questions">
        <Index each={drafts()}>
          {(draft, index) => (
            <li class="survey-builder__question" data-kind={draft().kind}>
              <strong>{t(`kind.${draft().kind}`)}</strong>
              {field(index, 'zh', t('builder.questionZh'), 'text.zh')}
              {field(index, 'en', t('builder.questionEn'), 'text.en')}
              <Show when={draft().kind === 'likert'}>
                <ChoiceField
                  name={`questions.${index}.points`}
                  label={t('builder.points')}
                  value={String(draft().points)}
                  onChange={(value) => change(index, { points: value === '7' ? 7 : 5 })}
                >
                  <option value="5">1–5</option>
                  <option value="7">1–7</option>
                </ChoiceField>
                {field(index, 'lowZh', t('builder.lowZh'), 'lowLabel.zh')}
                {field(index, 'lowEn', t('builder.lowEn'), 'lowLabel.en')}
                {field(index, 'highZh', t('builder.highZh'), 'highLabel.zh')}
                {field(index, 'highEn', t('builder.highEn'), 'highLabel.en')}
              </Show>
              <Show when={draft().kind === 'semantic'}>
                {field(index, 'lowZh', t('builder.leftZh'), 'left.zh')}
                {field(index, 'lowEn', t('builder.leftEn'), 'left.en')}
                {field(index, 'highZh', t('builder.rightZh'), 'right.zh')}
                {field(index, 'highEn', t('builder.rightEn'), 'right.en')}
              </Show>
              <label class="survey-builder__required">
                <input
                  type="checkbox"
                  checked={draft().required}
                  onChange={(event) => change(index, { required: event.currentTarget.checked })}
                />
                {t('builder.required')}
              </label>
              <Button variant="ghost" onClick={() => setDrafts(drafts().filter((_, i) => i !== index))}>
                {t('builder.remove')}
              </Button>
            </li>
          )}
        </Index>
      </ol>
      <div class="survey-builder__add">
        <ChoiceField
          name="newKind"
          label={t('builder.kind')}
          value={newKind()}
          onChange={(value) => setNewKind(value as Kind)}
        >
          <For each={kinds}>{(kind) => <option value={kind}>{t(`kind.${kind}`)}</option>}</For>
        </ChoiceField>
        <Button variant="secondary" onClick={() => setDrafts([...drafts(), emptyDraft(newKind())])}>
          {t('builder.addQuestion')}
        </Button>
      </div>
      <Show when={form.error()}>
        <p class="form__error" role="alert">
          {(form.error() as Error | undefined)?.message}
        </p>
      </Show>
      <Button type="submit" disabled={form.pending()}>
        {t('builder.save')}
      </Button>
      <section class="survey-preview" aria-label={t('builder.preview')}>
        <h3>{t('builder.preview')}</h3>
        <ChoiceField
          name="previewIn"
          label={t('builder.previewLanguage')}
          value={previewIn()}
          onChange={(value) => setPreviewIn(value === 'en' ? 'en' : 'zh')}
        >
          <option value="zh">中文</option>
          <option value="en">English</option>
        </ChoiceField>
        <p class="survey-preview__title">{previewIn() === 'en' ? titleEn() : titleZh()}</p>
        <For each={questions()}>
          {(question) => (
            <SurveyQuestionInput
              question={question}
              language={previewIn()}
              value={undefined}
              onChange={() => undefined}
              requiredLabel={t('public.required')}
            />
          )}
        </For>
      </section>
    </form>
  );
}
