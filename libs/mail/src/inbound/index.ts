// Incoming mail: reading raw mail (headers, Message-IDs, bodies, files), telling machines from
// people (auto-replies, lists, bounces) and the IMAP connection intake fetches it through.
export { detectAutomatic, type AutomaticKind, type AutomaticVerdict } from './automatic-mail.js';
export {
  decodeEncodedWords,
  readDeliveryReport,
  type BouncedRecipient,
  type DeliveryAction,
  type DeliveryReport,
} from './delivery-report.js';
export {
  ImapMailbox,
  type AfterImport,
  type ImapMessageInfo,
  type ImapSettings,
  type ImapTls,
} from './imap-mailbox.js';
export {
  parseInboundMail,
  UnparseableMailError,
  type InboundAttachment,
  type InboundMail,
  type InboundAddress,
} from './inbound-mail.js';
export {
  MAX_MESSAGE_ID_LENGTH,
  messageIdForms,
  messageIdsIn,
  messageKeyOf,
  ownMessageId,
  referencedMessageIds,
  SYNTHESIZED_ID_DOMAIN,
} from './message-id.js';
export { firstHeader, readHeaders, type HeaderMap } from './raw-headers.js';
