import { fireEvent, render, screen } from '@solidjs/testing-library';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/i18n-context.js';
import { AccountEmailField } from './account-email-field.js';
import { NewPasswordField } from './new-password-field.js';

describe('the account fields', () => {
  it('mark the e-mail for password managers as the username and the password as a new one, both required', () => {
    render(() => (
      <I18nProvider locale="en">
        <AccountEmailField value="a@example.com" onChange={() => {}} error={undefined} />
        <NewPasswordField value="" onChange={() => {}} error="Too short" />
      </I18nProvider>
    ));
    const email = screen.getByLabelText(/E-mail/) as HTMLInputElement;
    const password = screen.getByLabelText(/Password/) as HTMLInputElement;
    expect([email.name, email.type, email.autocomplete, email.required, email.value]).toEqual([
      'email',
      'email',
      'username',
      true,
      'a@example.com',
    ]);
    expect([password.name, password.type, password.autocomplete, password.required]).toEqual([
      'password',
      'password',
      'new-password',
      true,
    ]);
    expect(screen.getByText('At least 10 characters, and not a commonly used password')).toBeTruthy();
    expect(screen.getByText('Too short')).toBeTruthy();
    expect(password.getAttribute('aria-invalid')).toBe('true');
  });

  it('hand what is typed to the screen', () => {
    const typed: string[] = [];
    render(() => (
      <I18nProvider locale="en">
        <AccountEmailField value="" onChange={(value) => typed.push(value)} error={undefined} />
      </I18nProvider>
    ));
    fireEvent.input(screen.getByLabelText(/E-mail/), { target: { value: 'b@example.com' } });
    expect(typed).toEqual(['b@example.com']);
  });
});
