#!/usr/bin/env node
// Extracts one file from a zip archive with Node alone (no `unzip` on a fresh machine):
//   node scripts/unzip-entry.mjs ARCHIVE.zip path/in/archive OUTPUT
// Reads the central directory, then inflates (or copies) that one entry and checks its CRC-32.
import { open, writeFile } from 'node:fs/promises';
import { crc32, inflateRawSync } from 'node:zlib';

const [archive, entryName, output] = process.argv.slice(2);
if (!archive || !entryName || !output) {
  console.error('usage: node scripts/unzip-entry.mjs ARCHIVE.zip ENTRY OUTPUT');
  process.exit(2);
}

const file = await open(archive, 'r');
try {
  const { size } = await file.stat();
  // The end-of-central-directory record sits in the last 64 KiB + 22 bytes.
  const tailLength = Math.min(size, 65_557);
  const tail = Buffer.alloc(tailLength);
  await file.read(tail, 0, tailLength, size - tailLength);
  const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error(`${archive} is not a zip archive`);
  const entries = tail.readUInt16LE(eocd + 10);
  const directorySize = tail.readUInt32LE(eocd + 12);
  const directoryOffset = tail.readUInt32LE(eocd + 16);
  if (directoryOffset === 0xffffffff) throw new Error('zip64 archives are not supported');
  const directory = Buffer.alloc(directorySize);
  await file.read(directory, 0, directorySize, directoryOffset);

  let at = 0;
  let found;
  for (let i = 0; i < entries; i++) {
    if (directory.readUInt32LE(at) !== 0x02014b50) throw new Error('corrupt central directory');
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const name = directory.toString('utf8', at + 46, at + 46 + nameLength);
    if (name === entryName) {
      found = {
        method: directory.readUInt16LE(at + 10),
        crc: directory.readUInt32LE(at + 16),
        compressedSize: directory.readUInt32LE(at + 20),
        size: directory.readUInt32LE(at + 24),
        localHeader: directory.readUInt32LE(at + 42),
      };
      break;
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  if (!found) throw new Error(`${entryName} is not in ${archive}`);
  if (found.compressedSize === 0xffffffff || found.localHeader === 0xffffffff) {
    throw new Error('zip64 entries are not supported');
  }

  const header = Buffer.alloc(30);
  await file.read(header, 0, 30, found.localHeader);
  if (header.readUInt32LE(0) !== 0x04034b50) throw new Error('corrupt local header');
  const dataStart = found.localHeader + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const compressed = Buffer.alloc(found.compressedSize);
  await file.read(compressed, 0, found.compressedSize, dataStart);

  let data;
  if (found.method === 0) data = compressed;
  else if (found.method === 8) data = inflateRawSync(compressed);
  else throw new Error(`unsupported compression method ${found.method}`);
  if (data.length !== found.size || crc32(data) !== found.crc) {
    throw new Error(`${entryName}: size or CRC-32 mismatch, the archive is damaged`);
  }
  await writeFile(output, data, { mode: 0o755 });
} finally {
  await file.close();
}
