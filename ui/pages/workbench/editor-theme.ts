/**
 * The SQL editor's look: colours from the shell's CSS custom properties (so
 * it follows dark and light by itself), and syntax colours per theme (the
 * default highlight style's tags with colours readable on a dark surface).
 */
import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { defaultHighlightStyle, HighlightStyle, syntaxHighlighting } from '@codemirror/language';

export const editorChrome: Extension = EditorView.theme({
  '&': { backgroundColor: 'var(--code-bg)', color: 'var(--text)', fontSize: '13px', height: '100%' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.55' },
  '.cm-content': { caretColor: 'var(--text)', padding: '10px 0' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--text)' },
  '.cm-gutters': { backgroundColor: 'var(--code-bg)', color: 'var(--muted)', border: 'none' },
  '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'color-mix(in srgb, var(--accent-soft) 45%, transparent)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'color-mix(in srgb, var(--accent) 28%, transparent) !important' },
  '&.cm-focused': { outline: 'none' },
  '.cm-matchingBracket': { backgroundColor: 'var(--accent-soft)', outline: '1px solid var(--border)' },
  '.cm-tooltip': { backgroundColor: 'var(--surface)', color: 'var(--text)', border: '1px solid var(--border)', borderRadius: '6px', boxShadow: 'var(--shadow)' },
  '.cm-tooltip-autocomplete > ul': { fontFamily: 'var(--mono)', fontSize: '12.5px', maxHeight: '16em' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: 'var(--accent)', color: '#fff' },
  '.cm-completionDetail': { color: 'var(--muted)', fontStyle: 'normal', marginLeft: '1em' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected] .cm-completionDetail': { color: 'inherit' },
});

/** Light colours of the default style, mapped to ones that read on a dark surface. */
const DARK_COLOURS: Record<string, string> = {
  '#708': '#c792ea',
  '#219': '#82aaff',
  '#164': '#c3e88d',
  '#a11': '#f78c6c',
  '#e40': '#ffcb6b',
  '#00f': '#82aaff',
  '#30a': '#89ddff',
  '#085': '#7fdbca',
  '#167': '#7fdbca',
  '#256': '#addb67',
  '#00c': '#82aaff',
  '#940': '#ecc48d',
  '#f00': '#ff5370',
  '#404740': '#d6deeb',
};

const darkHighlight = HighlightStyle.define(defaultHighlightStyle.specs.map((s) => (typeof s['color'] === 'string' ? { ...s, color: DARK_COLOURS[s['color']] ?? s['color'] } : s)));

/** Syntax colours for the theme. */
export function syntaxColours(dark: boolean): Extension {
  return syntaxHighlighting(dark ? darkHighlight : defaultHighlightStyle);
}
