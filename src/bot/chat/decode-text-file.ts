// A text attachment's bytes as text, or null when they are not text: invalid UTF-8, or control characters other
// than tab, line feed and carriage return (NUL and friends mean a binary file, whatever its name says).
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
// C0 controls except \t \n \r, DEL, and the C1 range that mis-decoded binaries produce.
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;

export function decodeTextFile(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return null; // TextDecoder's only failure with fatal: true is invalid UTF-8
  }
  return CONTROL.test(text) ? null : text;
}
