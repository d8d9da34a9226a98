import { render, screen } from '@solidjs/testing-library';
import { describe, expect, it } from 'vitest';
import { I18nProvider, useLabelled, useLocale } from './i18n-context.js';

describe('a label and its colon', () => {
  it('takes the full-width colon in Chinese and a colon and space in English, following the language', () => {
    let switchTo: ((locale: 'zh-CN' | 'en') => void) | undefined;
    const Probe = () => {
      const labelled = useLabelled();
      switchTo = useLocale().setLocale;
      return (
        <>
          <p data-testid="with-value">{labelled('主题', '春季优惠')}</p>
          <p data-testid="label-only">
            {labelled('Subject')}
            <strong>Spring</strong>
          </p>
        </>
      );
    };
    render(() => (
      <I18nProvider locale="zh-CN">
        <Probe />
      </I18nProvider>
    ));
    expect(screen.getByTestId('with-value').textContent).toBe('主题：春季优惠');
    expect(screen.getByTestId('label-only').textContent).toBe('Subject：Spring');
    switchTo?.('en');
    expect(screen.getByTestId('with-value').textContent).toBe('主题: 春季优惠');
    expect(screen.getByTestId('label-only').textContent).toBe('Subject: Spring');
  });
});
