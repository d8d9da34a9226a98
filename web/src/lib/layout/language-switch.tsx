import { ToggleGroup } from '@kobalte/core/toggle-group';
import { useLocale, useSharedMessages } from '../i18n/i18n-context.js';
import { isLocale } from '../i18n/locale.js';

/** The always-visible 中文 / English switch: a two-button toggle group (arrow keys move between). */
export function LanguageSwitch() {
  const { locale, setLocale } = useLocale();
  const t = useSharedMessages();
  return (
    <ToggleGroup
      class="language-switch"
      aria-label={t('shell.language')}
      value={locale()}
      onChange={(value) => {
        if (isLocale(value)) setLocale(value);
      }}
    >
      <ToggleGroup.Item class="language-switch__item" value="zh-CN" lang="zh-CN">
        中文
      </ToggleGroup.Item>
      <ToggleGroup.Item class="language-switch__item" value="en" lang="en">
        English
      </ToggleGroup.Item>
    </ToggleGroup>
  );
}
