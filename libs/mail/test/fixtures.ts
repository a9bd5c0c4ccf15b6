// Raw mails for the inbound tests, as real servers and clients write them (test/fixtures/inbound).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The bytes of a fixture mail, with CRLF line ends as on the wire unless `keepLineEnds`. */
export function inboundFixture(name: string, options: { keepLineEnds?: boolean } = {}): Buffer {
  const bytes = readFileSync(fileURLToPath(new URL(`./fixtures/inbound/${name}`, import.meta.url)));
  if (options.keepLineEnds || !name.endsWith('.eml')) return bytes;
  return Buffer.from(bytes.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
}
