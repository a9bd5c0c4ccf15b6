// The help desk's settings and their defaults: the one list the API, the service and the docs
// describe. Validation of new values is the DTO's (dto/settings.dto.ts).
import { DEFAULT_SUBJECT_HOOK } from '@tessera/domain';

export interface HelpDeskSettings {
  /** What marks a ticket number in mail subjects: `Ticket#` gives `[Ticket#10042]`. */
  ticketHook: string;
  /** Resolved tickets close after this many quiet days; 0 keeps them resolved. */
  autoCloseAfterDays: number;
}

export const DEFAULT_SETTINGS: HelpDeskSettings = {
  ticketHook: DEFAULT_SUBJECT_HOOK,
  autoCloseAfterDays: 7,
};

export type SettingKey = keyof HelpDeskSettings;

export const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as SettingKey[];
