import { A } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { unwrap as unwrapStore } from 'solid-js/store';
import { ApiError, unwrap } from '../../lib/api/errors.js';
import type { components } from '../../lib/api/schema.js';
import { useApi } from '../../lib/auth/auth-context.js';
import { useFormat } from '../../lib/format/use-format.js';
import { useMessages } from '../../lib/i18n/i18n-context.js';
import { Button } from '../../lib/ui/button.js';
import { stackRowsWhenNarrow } from '../../lib/ui/stacked-rows.js';
import { policiesMessages } from './messages.js';

type CreditPolicy = components['schemas']['CreditPolicyInput'];
type Preview = components['schemas']['CreditPolicyPreview'];
type Standing = Preview['examples'][number]['current'];

/**
 * "How many customers would this change move?" before saving: the API evaluates the tenant's
 * credit files under the current and the edited policy; nothing is written.
 */
export function CreditPolicyPreview(props: { draft: CreditPolicy }) {
  const t = useMessages(policiesMessages);
  const api = useApi();
  const format = useFormat();
  const [preview, setPreview] = createSignal<{ of: string; answer: Preview }>();
  const [failure, setFailure] = createSignal<string>();
  const [pending, setPending] = createSignal(false);
  const snapshot = () => JSON.stringify(props.draft);

  const run = async () => {
    setPending(true);
    setFailure(undefined);
    try {
      const policy = structuredClone(unwrapStore(props.draft));
      const answer = await unwrap(api.POST('/v1/credit/policy/preview', { body: { policy } }));
      setPreview({ of: JSON.stringify(policy), answer });
    } catch (error) {
      setPreview(undefined);
      setFailure(
        error instanceof ApiError && error.fields.length > 0
          ? t('preview.invalid', {
              fields: error.fields.map((field) => field.path.replace(/^policy\./, '')).join(', '),
            })
          : error instanceof Error
            ? error.message
            : String(error),
      );
    } finally {
      setPending(false);
    }
  };

  const standing = (value: Standing) =>
    `${value.grade} · ${t(`preview.status.${value.status}`)} · ${format.money(value.limit)}`;

  return (
    <section class="policy-preview" aria-labelledby="credit-preview-title">
      <div class="section-header">
        <h3 id="credit-preview-title" class="section-title">
          {t('preview.title')}
        </h3>
        <Button variant="secondary" onClick={() => void run()} disabled={pending()}>
          {t('preview.run')}
        </Button>
      </div>
      <Show when={failure()}>
        {(message) => (
          <p class="form__error" role="alert">
            {message()}
          </p>
        )}
      </Show>
      <Show when={preview()}>
        {(shown) => (
          <div aria-live="polite">
            <Show when={shown().of !== snapshot()}>
              <p class="callout--warning">{t('preview.stale')}</p>
            </Show>
            <p>{t('preview.evaluated', { count: shown().answer.evaluated })}</p>
            <Show when={shown().answer.capped}>
              <p class="callout--warning">{t('preview.capped', { cap: shown().answer.cap })}</p>
            </Show>
            <ul class="policy-preview__figures">
              <li data-figure="holdsPlaced">
                {t('preview.holdsPlaced', { count: shown().answer.holdsPlaced })}
              </li>
              <li data-figure="holdsReleased">
                {t('preview.holdsReleased', { count: shown().answer.holdsReleased })}
              </li>
              <li data-figure="limitRaised">
                {t('preview.limitRaised', { count: shown().answer.limitRaised })}
              </li>
              <li data-figure="limitLowered">
                {t('preview.limitLowered', { count: shown().answer.limitLowered })}
              </li>
              <For each={shown().answer.gradeChanges}>
                {(change) => <li>{t('preview.gradeChange', change)}</li>}
              </For>
            </ul>
            <Show when={shown().answer.examples.length > 0} fallback={<p>{t('preview.nothingMoves')}</p>}>
              <div class="table-scroll">
                <table class="table" ref={stackRowsWhenNarrow}>
                  <caption class="visually-hidden">{t('preview.examples')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('preview.customer')}</th>
                      <th scope="col">{t('preview.now')}</th>
                      <th scope="col">{t('preview.proposed')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={shown().answer.examples}>
                      {(example) => (
                        <tr>
                          <th scope="row">
                            <A href={`/customers/${example.customerId}`}>{example.name}</A>
                          </th>
                          <td>{standing(example.current)}</td>
                          <td>{standing(example.proposed)}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </Show>
          </div>
        )}
      </Show>
    </section>
  );
}
