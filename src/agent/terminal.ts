import { styleText } from 'node:util';

type Style = Parameters<typeof styleText>[0];

/** Colours only for a person at a terminal; never in pipes, logs or with NO_COLOR set. */
export function paint(style: Style, text: string, stream: NodeJS.WriteStream = process.stdout): string {
  return stream.isTTY && !process.env.NO_COLOR ? styleText(style, text) : text;
}
