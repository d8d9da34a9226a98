/**
 * A phone number in E.164 (`+8613800000000`) as SNS takes and reports it, from what people type:
 * spaces, dashes, dots and brackets dropped, a leading `00` read as `+`. Undefined when the number
 * has no country code or cannot be one (a local number is refused, not guessed at). One reading for
 * the SMS sender, the delivery status it reports back and the SMS suppression list.
 *
 * @example
 * phoneE164('+86 138 0000 0000'); // '+8613800000000'
 */
export function phoneE164(phone: string): string | undefined {
  const compact = phone.trim().replace(/[\s().-]/g, '');
  const international = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  return /^\+[1-9]\d{6,14}$/.test(international) ? international : undefined;
}
