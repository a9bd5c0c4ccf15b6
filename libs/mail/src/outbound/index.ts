// Composition of the mail Tessera sends: Message-IDs, threading headers, subjects, sender names,
// templates and the assembled message. Pure: the server does the sending.
export * from './compose.js';
export * from './excerpt.js';
export * from './html.js';
export * from './message-id.js';
export * from './sender.js';
export * from './subject.js';
export * from './templates.js';
export * from './threading.js';
