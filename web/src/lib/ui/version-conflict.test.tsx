import { fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors.js';
import { I18nProvider } from '../i18n/i18n-context.js';
import { createVersionedSave, VersionConflictDialog } from './version-conflict.js';

type Tenant = { name: string; currency: string; version: number };

function conflictingServer() {
  let stored: Tenant = { name: 'Rice Shop', currency: 'CNY', version: 2 };
  return {
    stored: () => stored,
    save: async (change: Partial<Tenant>, version: number) => {
      if (version !== stored.version) {
        throw new ApiError(409, { error: { code: 'version_conflict', message: 'changed' } });
      }
      stored = { ...stored, ...change, version: version + 1 };
      return stored;
    },
    latest: async () => stored,
  };
}

describe('createVersionedSave', () => {
  it('shows the newer version on a 409 and reapplies the change on top of it', async () => {
    const server = conflictingServer();
    const tenantSave = createVersionedSave<Tenant, Partial<Tenant>>(server);
    let saved: Tenant | undefined;
    render(() => (
      <I18nProvider locale="en">
        <VersionConflictDialog
          state={tenantSave}
          describe={(latest) => <p>Newer name: {latest.name}</p>}
          onResolved={(result) => {
            saved = result;
          }}
        />
      </I18nProvider>
    ));

    expect(await tenantSave.save({ currency: 'USD' }, 1)).toBeUndefined();
    expect(await screen.findByText('Newer name: Rice Shop')).toBeTruthy();
    expect(screen.getByRole('dialog', { name: 'Someone else changed this' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Reapply my changes' }));
    await waitFor(() => expect(saved).toEqual({ name: 'Rice Shop', currency: 'USD', version: 3 }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('lets other errors through', async () => {
    const failing = createVersionedSave<Tenant, Partial<Tenant>>({
      save: async () => {
        throw new ApiError(403, { error: { code: 'forbidden', message: 'admins only' } });
      },
      latest: async () => ({ name: '', currency: '', version: 1 }),
    });
    await expect(failing.save({}, 1)).rejects.toMatchObject({ status: 403 });
  });
});
