import { fireEvent, render, screen } from '@solidjs/testing-library';
import { describe, expect, it } from 'vitest';
import { ScoreSelect, StepTextInput } from './step-field-inputs.js';

describe('the step field inputs', () => {
  it('give one line, a local date and time, or a few lines, each labelled and handing back what is typed', () => {
    const typed: string[] = [];
    render(() => (
      <>
        <StepTextInput
          id="a"
          name="note"
          label="Note"
          required={false}
          value=""
          onInput={(v) => typed.push(v)}
        />
        <StepTextInput id="b" name="start" label="Start" required datetime value="" onInput={() => {}} />
        <StepTextInput id="c" name="cause" label="Cause" required multiline value="x" onInput={() => {}} />
      </>
    ));
    const note = screen.getByLabelText('Note') as HTMLInputElement;
    const start = screen.getByLabelText('Start') as HTMLInputElement;
    const cause = screen.getByLabelText('Cause') as HTMLTextAreaElement;
    expect([note.tagName, note.type, note.required]).toEqual(['INPUT', 'text', false]);
    expect([start.type, start.required]).toEqual(['datetime-local', true]);
    expect([cause.tagName, cause.rows, cause.value]).toEqual(['TEXTAREA', 3, 'x']);
    fireEvent.input(note, { target: { value: 'called' } });
    expect(typed).toEqual(['called']);
  });

  it('offer a required score from 5 down to 1, blank until chosen', () => {
    const chosen: string[] = [];
    render(() => <ScoreSelect id="s" name="score" label="Score" value="" onChange={(v) => chosen.push(v)} />);
    const score = screen.getByLabelText('Score') as HTMLSelectElement;
    expect([...score.options].map((option) => option.value)).toEqual(['', '5', '4', '3', '2', '1']);
    expect(score.required).toBe(true);
    fireEvent.change(score, { target: { value: '4' } });
    expect(chosen).toEqual(['4']);
  });
});
