/**
 * The analyst's own preferences, kept on this computer for every workbook (not in any workbook, unlike
 * the mapping and choices saved in workbook.settings): @microsoft/office-js-helpers' Storage, one
 * container ("hs-addin") in the webview's localStorage. Where localStorage is refused (some locked-down
 * webviews), they last for the session only.
 */
import { Storage, StorageType } from '@microsoft/office-js-helpers';

export type PaneTab = 'mapping' | 'score' | 'subsidy' | 'other';

export interface PreferenceValues {
  /** The tab the pane opens on: the last one the analyst used. */
  tab: PaneTab;
  /** Read the workbook as soon as the pane opens (a district of thousands of rows can be read on request instead). */
  autoLoad: boolean;
}

export const DEFAULT_PREFERENCES: PreferenceValues = { tab: 'mapping', autoLoad: true };

const TABS: readonly PaneTab[] = ['mapping', 'score', 'subsidy', 'other'];

export interface Preferences {
  read(): PreferenceValues;
  write(values: Partial<PreferenceValues>): void;
  clear(): void;
  /** Where they are kept, for the 关于 panel. */
  readonly where: string;
}

/** Only values this version understands: anything else stored is read as the default. */
function sanitize(stored: Partial<Record<keyof PreferenceValues, unknown>>): PreferenceValues {
  return {
    tab: TABS.includes(stored.tab as PaneTab) ? (stored.tab as PaneTab) : DEFAULT_PREFERENCES.tab,
    autoLoad: typeof stored.autoLoad === 'boolean' ? stored.autoLoad : DEFAULT_PREFERENCES.autoLoad,
  };
}

const KEYS = Object.keys(DEFAULT_PREFERENCES) as (keyof PreferenceValues)[];

/** The preferences in office-js-helpers' Storage (localStorage), else held for this session. */
export function userPreferences(container = 'hs-addin'): Preferences {
  let storage: Storage<unknown> | null = null;
  let where = '本机（浏览器本地存储，所有工作簿共用）';
  try {
    storage = new Storage<unknown>(container, StorageType.LocalStorage);
    storage.get('tab'); // a webview that refuses localStorage throws here, not later
  } catch {
    storage = null;
    where = '仅本次打开（此 Excel 不允许本地存储）';
  }
  if (!storage) return memoryPreferences(where);
  const store = storage;
  return {
    where,
    read: () => {
      try {
        return sanitize(Object.fromEntries(KEYS.map((k) => [k, store.get(k)])));
      } catch {
        return { ...DEFAULT_PREFERENCES };
      }
    },
    write: (values) => {
      try {
        for (const [k, v] of Object.entries(values)) store.set(k, v);
      } catch {
        // Storage full or refused: a preference is not worth an error bar.
      }
    },
    clear: () => {
      for (const k of KEYS) {
        try {
          store.delete(k);
        } catch {
          // already gone
        }
      }
    },
  };
}

/** Preferences held in memory: tests, and webviews without storage. */
export function memoryPreferences(where = '仅本次打开'): Preferences {
  let values: PreferenceValues = { ...DEFAULT_PREFERENCES };
  return {
    where,
    read: () => ({ ...values }),
    write: (changes) => {
      values = sanitize({ ...values, ...changes });
    },
    clear: () => {
      values = { ...DEFAULT_PREFERENCES };
    },
  };
}
