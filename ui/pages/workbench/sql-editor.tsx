/**
 * The SQL editor: CodeMirror 6 with SQL highlighting, completion of keywords
 * and of the warehouse's schemas, tables and columns, bracket matching, undo
 * history, and Ctrl/Cmd-Enter to run. Completion and colours are swapped in
 * place (compartments) when the schema arrives or the theme changes.
 */
import { useEffect, useRef } from 'react';
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, indentOnInput } from '@codemirror/language';
import { PostgreSQL, sql, type SQLNamespace } from '@codemirror/lang-sql';
import { Compartment, EditorState, Prec } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers, placeholder } from '@codemirror/view';
import { editorChrome, syntaxColours } from './editor-theme';

export interface SqlEditorProps {
  /** The initial text; later changes from outside go through `controlRef`. */
  initial: string;
  onChange(sql: string): void;
  /** Ctrl/Cmd-Enter. */
  onRun(): void;
  /** Completion namespace and the schema bare table names resolve in. */
  completion: { namespace: SQLNamespace; defaultSchema: string } | undefined;
  dark: boolean;
  /** Set by the editor: replace the whole text (a query from the history), insert at the cursor (a name from the schema). */
  controlRef: { current: EditorControl | undefined };
}

export interface EditorControl {
  replace(sql: string): void;
  insert(text: string): void;
}

function language(completion: SqlEditorProps['completion']) {
  return sql({ dialect: PostgreSQL, ...(completion ? { schema: completion.namespace, defaultSchema: completion.defaultSchema } : {}) });
}

export function SqlEditor(props: SqlEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView>();
  const lang = useRef(new Compartment());
  const colours = useRef(new Compartment());
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    const run = () => {
      latest.current.onRun();
      return true;
    };
    const state = EditorState.create({
      doc: props.initial,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightActiveLine(),
        drawSelection(),
        history(),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        autocompletion({ activateOnTyping: true, icons: false }),
        Prec.highest(keymap.of([{ key: 'Mod-Enter', run }])),
        keymap.of([...closeBracketsKeymap, ...completionKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
        lang.current.of(language(props.completion)),
        colours.current.of(syntaxColours(props.dark)),
        editorChrome,
        placeholder('select * from …   (Ctrl+Enter runs)'),
        EditorView.contentAttributes.of({ 'aria-label': 'SQL editor' }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) latest.current.onChange(u.state.doc.toString());
        }),
      ],
    });
    const v = new EditorView({ state, parent: host.current! });
    view.current = v;
    props.controlRef.current = {
      replace(text) {
        v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: text }, selection: { anchor: text.length } });
        v.focus();
      },
      insert(text) {
        v.dispatch(v.state.replaceSelection(text));
        v.focus();
      },
    };
    return () => {
      props.controlRef.current = undefined;
      v.destroy();
    };
    // The editor is created once; props are read through `latest`, compartments handle the rest.
  }, []);

  useEffect(() => {
    view.current?.dispatch({ effects: lang.current.reconfigure(language(props.completion)) });
  }, [props.completion]);

  useEffect(() => {
    view.current?.dispatch({ effects: colours.current.reconfigure(syntaxColours(props.dark)) });
  }, [props.dark]);

  return <div className="wb-editor" ref={host} />;
}
