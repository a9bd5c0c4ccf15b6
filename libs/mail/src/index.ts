// Mail handling for Tessera: parsing, threading, loop detection, templates and the IMAP/SMTP
// adapters live here, apart from the server so they can be tested on their own.
export * from './inbound/index.js';
export * from './outbound/index.js';
