import { Dialog } from '@kobalte/core/dialog';
import { type Accessor, createSignal, type JSX, Show } from 'solid-js';
import { isVersionConflict } from '../api/errors.js';
import { useSharedMessages } from '../i18n/i18n-context.js';
import { Button } from './button.js';

type Versioned = { version: number };

export type VersionedSave<T extends Versioned, Change> = {
  /** Saves `change` against `version`; on a 409 version conflict opens the conflict instead of throwing. */
  save: (change: Change, version: number) => Promise<T | undefined>;
  /** The newer version and the change that lost the race, while the user decides. */
  conflict: Accessor<{ latest: T; change: Change } | undefined>;
  /** Saves the same change again on top of the newer version. */
  reapply: () => Promise<T | undefined>;
  /** Drops the change and keeps the newer version. */
  discard: () => T | undefined;
};

/**
 * Optimistic concurrency for every edit form: the API answers 409 `version_conflict` when the
 * record changed since it was read; this loads the newer version and lets the user reapply.
 *
 * @example
 * const tenantSave = createVersionedSave({
 *   save: (change, version) => unwrap(api.PATCH('/v1/tenant', { body: { ...change, version } })),
 *   latest: () => unwrap(api.GET('/v1/tenant')),
 * });
 * <VersionConflictDialog state={tenantSave} describe={(tenant) => <p>{tenant.name}</p>} />
 */
export function createVersionedSave<T extends Versioned, Change>(options: {
  save: (change: Change, version: number) => Promise<T>;
  latest: () => Promise<T>;
}): VersionedSave<T, Change> {
  const [conflict, setConflict] = createSignal<{ latest: T; change: Change }>();
  const save = async (change: Change, version: number): Promise<T | undefined> => {
    try {
      return await options.save(change, version);
    } catch (error) {
      if (!isVersionConflict(error)) throw error;
      const latest = await options.latest();
      setConflict(() => ({ latest, change }));
      return undefined;
    }
  };
  return {
    save,
    conflict,
    reapply: async () => {
      const current = conflict();
      if (!current) return undefined;
      setConflict(undefined);
      return save(current.change, current.latest.version);
    },
    discard: () => {
      const latest = conflict()?.latest;
      setConflict(undefined);
      return latest;
    },
  };
}

/** The dialog for a `createVersionedSave` conflict: shows the newer version, then reapply or keep it. */
export function VersionConflictDialog<T extends Versioned, Change>(props: {
  state: VersionedSave<T, Change>;
  describe: (latest: T) => JSX.Element;
  onResolved?: (saved: T | undefined) => void;
}) {
  const t = useSharedMessages();
  return (
    <Dialog
      open={props.state.conflict() !== undefined}
      onOpenChange={(open) => {
        if (!open) props.onResolved?.(props.state.discard());
      }}
    >
      <Dialog.Portal>
        <Dialog.Overlay class="dialog__overlay" />
        <div class="dialog__positioner">
          <Dialog.Content class="dialog">
            <Dialog.Title class="dialog__title">{t('conflict.title')}</Dialog.Title>
            <Show when={props.state.conflict()}>
              {(conflict) => (
                <>
                  <Dialog.Description class="dialog__description">
                    {t('conflict.body', { version: conflict().latest.version })}
                  </Dialog.Description>
                  <div class="dialog__body">{props.describe(conflict().latest)}</div>
                </>
              )}
            </Show>
            <div class="dialog__actions">
              <Button variant="secondary" onClick={() => props.onResolved?.(props.state.discard())}>
                {t('conflict.discard')}
              </Button>
              <Button onClick={async () => props.onResolved?.(await props.state.reapply())}>
                {t('conflict.reapply')}
              </Button>
            </div>
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog>
  );
}
