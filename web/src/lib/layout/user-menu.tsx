import { DropdownMenu } from '@kobalte/core/dropdown-menu';
import { Show } from 'solid-js';
import { useAuth } from '../auth/auth-context.js';
import { useSharedMessages } from '../i18n/i18n-context.js';
import { Icon } from '../ui/icons.js';

/** One letter (or one character of a Chinese name) for the avatar. */
function initialOf(name: string): string {
  return (name.trim()[0] ?? '?').toUpperCase();
}

/** The header's account menu (Kobalte DropdownMenu): who is logged in, their role, log out. */
export function UserMenu() {
  const { session, logout } = useAuth();
  const t = useSharedMessages();
  return (
    <Show when={session()}>
      {(current) => (
        <DropdownMenu>
          <DropdownMenu.Trigger
            class="user-menu__trigger"
            aria-label={t('shell.userMenu', { name: current().user.name || current().user.email })}
          >
            {/* Initials drawn by CSS: the button's visible text is the name alone, as its label says. */}
            <span
              class="avatar"
              aria-hidden="true"
              data-initials={initialOf(current().user.name || current().user.email)}
            />
            <span class="user-menu__name">{current().user.name || current().user.email}</span>
            <Icon name="chevronDown" size={16} />
          </DropdownMenu.Trigger>
          <DropdownMenu.Portal>
            <DropdownMenu.Content class="menu">
              <div class="menu__header">
                <div class="menu__title">{current().user.email}</div>
                <div class="menu__subtitle">
                  {t(`shell.role.${current().user.role}`)} · {current().tenant.name}
                </div>
              </div>
              <DropdownMenu.Separator class="menu__separator" />
              <DropdownMenu.Item class="menu__item" onSelect={() => void logout()}>
                <Icon name="logout" size={16} />
                {t('shell.logout')}
              </DropdownMenu.Item>
            </DropdownMenu.Content>
          </DropdownMenu.Portal>
        </DropdownMenu>
      )}
    </Show>
  );
}
