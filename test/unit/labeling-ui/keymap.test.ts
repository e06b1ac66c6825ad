// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { actionFor, chordLabel, chordOf, conflictOf, defaultKeymap, saveKeymap } from '../../../renderer/src/hooks/useItemKeys.ts';

const ev = (key: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('key chords', () => {
  it('names chords the same on every platform', () => {
    expect(chordOf(ev('1'))).toBe('1');
    expect(chordOf(ev('?', { shiftKey: true }))).toBe('?');
    expect(chordOf(ev('z', { ctrlKey: true }))).toBe('Mod+z');
    expect(chordOf(ev('z', { metaKey: true }))).toBe('Mod+z');
    expect(chordOf(ev('Z', { ctrlKey: true, shiftKey: true }))).toBe('Shift+Mod+z');
    expect(chordOf(ev('Enter', { shiftKey: true }))).toBe('Shift+Enter');
    expect(chordOf(ev(' '))).toBe('Space');
  });

  it('maps the issue keys to actions by default', () => {
    const keymap = defaultKeymap();
    const expected: Record<string, string> = {
      '1': 'correct',
      '2': 'incorrect',
      '3': 'abstained',
      '0': 'clear',
      Backspace: 'clear',
      j: 'next',
      ArrowDown: 'next',
      k: 'prev',
      ArrowUp: 'prev',
      Enter: 'confirm',
      u: 'undo',
      'Mod+z': 'undo',
      'Shift+Mod+z': 'redo',
      n: 'note',
      '/': 'search',
    };
    for (const [chord, action] of Object.entries(expected)) expect(actionFor(keymap, chord)).toBe(action);
    expect(actionFor(keymap, 'Mod+2')).toBeNull();
  });

  it('reads chords for people and reports a conflict before remapping', () => {
    expect(chordLabel('Shift+Mod+z', false)).toBe('Shift+Ctrl+z');
    expect(chordLabel('Mod+z', true)).toBe('\u2318+z');
    expect(chordLabel('ArrowDown', false)).toBe('\u2193');
    expect(conflictOf(defaultKeymap(), 'j', 'correct')).toBe('next');
    expect(conflictOf(defaultKeymap(), 'j', 'next')).toBeNull();
  });

  it('persists a remapped key', () => {
    saveKeymap({ ...defaultKeymap(), correct: ['c'] });
    expect(JSON.parse(localStorage.getItem('candor-label-keys')!).correct).toEqual(['c']);
    saveKeymap(defaultKeymap());
  });
});
