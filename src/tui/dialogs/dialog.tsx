/**
 * Dialogs and menus, drawn in the main area: a confirmation shows exactly what will go (and how
 * much space it frees) with its options; a menu lists actions with their keys.
 */
import type { ReactElement } from 'react';
import { Box, Text } from 'ink';
import { Frame } from '../app/frame.js';
import { useTheme } from '../theme/context.js';
import type { Token } from '../theme/theme.js';
import { fit, wrapText } from '../panes/format.js';
import type { LineState } from '../repl/line-editor.js';

export interface DialogLine {
  text: string;
  token?: Token;
  dim?: boolean;
}

export interface ConfirmDialog {
  kind: 'confirm';
  title: string;
  lines: DialogLine[];
  danger?: boolean;
  /** Choices; the first is the default. Without options the dialog is yes/no. */
  options?: { label: string; value: string }[];
  confirmLabel?: string;
  onConfirm(option?: string): void;
}

export interface MenuItem {
  key?: string;
  label: string;
  /** Why it cannot run now (read-only mode, not applicable). */
  disabled?: string;
  run(): void;
}

export interface MenuDialog {
  kind: 'menu';
  title: string;
  items: MenuItem[];
}

export interface InfoDialog {
  kind: 'info';
  title: string;
  lines: DialogLine[];
}

/** One text field of a prompt; `secret` fields are drawn masked (a password). */
export interface PromptField {
  label: string;
  line: LineState;
  secret?: boolean;
}

/** A small form (a reference to pull, a registry login); `index` in the dialog state is the field. */
export interface PromptDialog {
  kind: 'prompt';
  title: string;
  lines: DialogLine[];
  fields: PromptField[];
  submitLabel?: string;
  onSubmit(values: string[]): void;
  onCancel?(): void;
}

export type Dialog = ConfirmDialog | MenuDialog | InfoDialog | PromptDialog;

export const field = (label: string, value = '', secret = false): PromptField => ({ label, line: { value, cursor: value.length }, secret });

export function dialogItemCount(d: Dialog): number {
  return d.kind === 'menu' ? d.items.length : d.kind === 'confirm' ? d.options?.length ?? 1 : d.kind === 'prompt' ? d.fields.length : 0;
}

export interface DialogViewProps {
  dialog: Dialog;
  index: number;
  width: number;
  height: number;
}

export function DialogView({ dialog, index, width, height }: DialogViewProps) {
  const theme = useTheme();
  const inner = width - 4;
  const danger = dialog.kind === 'confirm' && dialog.danger;
  const body: ReactElement[] = [];
  if (dialog.kind === 'menu') {
    dialog.items.forEach((it, i) => {
      const sel = i === index;
      const label = `${sel ? theme.glyphs.pointer : ' '} ${it.key ? `[${it.key}]`.padEnd(9) : ''.padEnd(9)} ${it.label}${it.disabled ? ` (${it.disabled})` : ''}`;
      body.push(
        <Text key={`m${i}`} wrap="truncate" inverse={sel && theme.noColor} bold={sel}
          color={sel ? theme.color('selection.fg') : it.disabled ? theme.color('text.dim') : undefined}
          backgroundColor={sel ? theme.color('selection.bg') : undefined}>{fit(label, inner)}</Text>,
      );
    });
  } else {
    const extra = dialog.kind === 'confirm' ? (dialog.options?.length ?? 1) : dialog.kind === 'prompt' ? dialog.fields.length : 0;
    const room = Math.max(1, height - 6 - extra);
    // Messages (an engine error, a long name) wrap; lists longer than the room are summarised.
    const wrapped = dialog.lines.flatMap((l) => wrapText(l.text, inner).map((text) => ({ ...l, text })));
    const lines = wrapped.length > room ? [...wrapped.slice(0, room - 1), { text: `… and ${wrapped.length - room + 1} more lines`, dim: true }] : wrapped;
    lines.forEach((l, i) => body.push(
      <Text key={`l${i}`} wrap="truncate" color={l.token ? theme.color(l.token) : undefined} dimColor={l.dim && !theme.noColor}>{fit(l.text, inner)}</Text>,
    ));
    if (dialog.kind === 'prompt') {
      body.push(<Text key="gap"> </Text>);
      const labelWidth = Math.max(...dialog.fields.map((f) => f.label.length)) + 2;
      dialog.fields.forEach((f, i) => body.push(
        <PromptFieldLine key={`f${i}`} field={f} active={i === index} labelWidth={labelWidth} width={inner} mask={theme.ascii ? '*' : '•'} />,
      ));
    }
    if (dialog.kind === 'confirm') {
      body.push(<Text key="gap"> </Text>);
      const opts = dialog.options ?? [{ label: dialog.confirmLabel ?? 'Yes', value: 'yes' }];
      opts.forEach((o, i) => {
        const sel = i === index;
        body.push(
          <Text key={`o${i}`} wrap="truncate" bold={sel} inverse={sel && theme.noColor}
            color={sel ? theme.color('selection.fg') : undefined} backgroundColor={sel ? theme.color(danger ? 'dialog.danger' : 'selection.bg') : undefined}>
            {fit(`${sel ? theme.glyphs.pointer : ' '} ${o.label}`, inner)}
          </Text>,
        );
      });
    }
  }
  const hint = dialog.kind === 'menu' ? 'enter run · esc close' : dialog.kind === 'confirm' ? 'enter/y confirm · esc/n cancel · j/k choose'
    : dialog.kind === 'prompt' ? `enter ${dialog.fields.length > 1 ? 'next field / ' : ''}${dialog.submitLabel ?? 'ok'} · tab next field · esc cancel` : 'esc close';
  return (
    <Frame title={[{ text: dialog.title, token: danger ? 'dialog.danger' : 'dialog.border' }]} width={width} height={height} focused borderToken={danger ? 'dialog.danger' : 'dialog.border'}>
      <Box flexDirection="column" paddingX={1} flexGrow={1}>{body}</Box>
      <Box paddingX={1}><Text color={theme.color('text.dim')} wrap="truncate">{fit(hint, inner)}</Text></Box>
    </Frame>
  );
}

function PromptFieldLine({ field: f, active, labelWidth, width, mask }: { field: PromptField; active: boolean; labelWidth: number; width: number; mask: string }) {
  const theme = useTheme();
  const shown = f.secret ? mask.repeat([...f.line.value].length) : f.line.value;
  const room = Math.max(1, width - labelWidth - 2);
  // Keep the cursor in view on long values, as the command line does.
  const from = Math.max(0, f.line.cursor - room + 1);
  const value = shown.slice(from, from + room);
  const at = f.line.cursor - from;
  return (
    <Text wrap="truncate">
      <Text bold={active} color={active ? theme.color('repl.prompt') : theme.color('text.dim')}>{`${active ? theme.glyphs.pointer : ' '} ${`${f.label}:`.padEnd(labelWidth)}`}</Text>
      {active ? <><Text>{value.slice(0, at)}</Text><Text inverse>{value[at] ?? ' '}</Text><Text>{value.slice(at + 1)}</Text></> : <Text>{value}</Text>}
    </Text>
  );
}
