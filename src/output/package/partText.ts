/**
 * An XML part as text, and back to bytes in the same encoding: UTF-8 (with its byte-order mark if
 * it had one) or UTF-16 little-endian, which XML allows and a few tools write. So an edited part
 * differs from the original only where it was edited.
 */

export interface PartText {
  text: string;
  encode(text: string): Buffer;
}

export function decodePart(bytes: Buffer, name: string): PartText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: bytes.subarray(2).toString('utf16le'), encode: (t) => Buffer.concat([bytes.subarray(0, 2), Buffer.from(t, 'utf16le')]) };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) throw new Error(`工作簿的部件 ${name} 使用 UTF-16BE 编码，无法就地编辑；请在 Excel 中另存为 .xlsx 后重试`);
  // Buffer's UTF-8 decoding keeps a byte-order mark as U+FEFF, and encoding writes it back.
  return { text: bytes.toString('utf8'), encode: (t) => Buffer.from(t, 'utf8') };
}
