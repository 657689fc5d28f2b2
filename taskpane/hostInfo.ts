/**
 * Which Excel the add-in runs in, for the 关于 panel and support calls: host and platform (through
 * @microsoft/office-js-helpers' Utilities, which reads Office.context and, on old hosts, Office.js's
 * own session record), Office's version and language, the requirement sets this Excel supports
 * against what the manifest asks for, and what that means for the =HS.* functions: on Excel for
 * Windows and Mac an empty cell inside a range argument arrives as 0, on the web as null.
 *
 * No React here: the functions' runtime is the same page and may ask too (emptyCellsArriveAs).
 * Everything is read defensively: outside Office, in a test or in a runtime without `window`, the
 * answers are "unknown", never an exception.
 */
import { HostType, PlatformType, Utilities } from '@microsoft/office-js-helpers';

/** Set by webpack.config.js (DefinePlugin): package.json's version and the commit built. */
declare const __HS_ADDIN_VERSION__: string | undefined;
const addinVersion = typeof __HS_ADDIN_VERSION__ === 'string' ? __HS_ADDIN_VERSION__ : '开发版';

/** How an empty cell inside a range argument reaches a custom function. */
export type EmptyCells = 'null' | 'zero' | 'unknown';

export interface ApiSetSupport {
  name: string;
  /** The highest version of the set this Excel supports, or null for none. */
  highest: string | null;
  /** The version manifest.xml requires, if it requires the set. */
  required?: string;
  /** The requirement is met (true when none is required). */
  ok: boolean;
}

export interface HostInfo {
  addinVersion: string;
  /** Office.onReady said a host: false in a browser outside Office. */
  inOffice: boolean;
  /** office-js-helpers' HostType ('EXCEL', …; 'WEB' when not in an add-in), or null. */
  host: string | null;
  /** office-js-helpers' PlatformType ('PC', 'MAC', 'OFFICE_ONLINE', 'IOS'), or null. */
  platform: string | null;
  /** The platform in the analyst's words: Windows 版 Excel, Mac 版 Excel, Excel 网页版 … */
  platformLabel: string;
  /** Office's build, e.g. 16.0.17928.20148 (Office.context.diagnostics.version). */
  officeVersion: string | null;
  displayLanguage: string | null;
  emptyCells: EmptyCells;
  apiSets: ApiSetSupport[];
  /** The webview's user agent: which browser engine shows the pane. */
  webview: string;
}

/** The requirement sets manifest.xml declares (test/addin/hostInfo.test.ts keeps this in step with it). */
export const REQUIRED_SETS: Readonly<Record<string, string>> = { ExcelApi: '1.9', SharedRuntime: '1.1', CustomFunctionsRuntime: '1.3' };

/** The sets shown, with the versions probed (ascending); higher ones are simply not found. */
const PROBED: readonly [string, number][] = [
  ['ExcelApi', 20],
  ['SharedRuntime', 3],
  ['CustomFunctionsRuntime', 6],
  ['DialogApi', 2],
  ['RibbonApi', 2],
];

const PLATFORM_LABEL: Readonly<Record<string, string>> = {
  [PlatformType.PC]: 'Windows 版 Excel',
  [PlatformType.MAC]: 'Mac 版 Excel',
  [PlatformType.OFFICE_ONLINE]: 'Excel 网页版',
  [PlatformType.IOS]: 'iPad 版 Excel',
};

type OfficeLike = {
  context?: {
    requirements?: { isSetSupported?(name: string, version?: string): boolean };
    diagnostics?: { version?: string };
    displayLanguage?: string;
  };
};

function officeGlobal(): OfficeLike | undefined {
  return typeof Office === 'undefined' ? undefined : (Office as unknown as OfficeLike);
}

/** Host and platform as office-js-helpers reads them; null where it cannot (no window, no Office). */
function helpersHost(): { host: string | null; platform: string | null } {
  try {
    if (typeof window === 'undefined') return { host: null, platform: null };
    return { host: Utilities.host ?? null, platform: Utilities.platform ?? null };
  } catch {
    return { host: null, platform: null };
  }
}

/** How empty cells reach the =HS.* functions on this platform. */
export function emptyCellsFor(platform: string | null): EmptyCells {
  if (platform === PlatformType.OFFICE_ONLINE) return 'null';
  if (platform === PlatformType.PC || platform === PlatformType.MAC) return 'zero';
  return 'unknown';
}

/** For the functions and the pane alike: how an empty cell in a range arrives here. */
export function emptyCellsArriveAs(): EmptyCells {
  return emptyCellsFor(helpersHost().platform);
}

/** The highest supported version of each probed set, against what the manifest requires. */
export function apiSetSupport(isSetSupported: ((name: string, version?: string) => boolean) | undefined): ApiSetSupport[] {
  return PROBED.map(([name, minors]) => {
    let highest: string | null = null;
    for (let minor = 1; minor <= minors; minor++) {
      const version = `1.${minor}`;
      let supported = false;
      try {
        supported = Boolean(isSetSupported?.(name, version));
      } catch {
        supported = false;
      }
      if (!supported) break;
      highest = version;
    }
    const required = REQUIRED_SETS[name];
    const ok = required === undefined || (highest !== null && Number(highest.split('.')[1]) >= Number(required.split('.')[1]));
    return { name, highest, ...(required !== undefined && { required }), ok };
  });
}

/** Everything the 关于 panel shows. `inOffice`: what Office.onReady said (index.tsx). */
export function readHostInfo(inOffice = true): HostInfo {
  const office = officeGlobal();
  const { host, platform } = helpersHost();
  const context = office?.context;
  const isSetSupported = context?.requirements?.isSetSupported?.bind(context.requirements);
  const inExcel = inOffice && host === HostType.EXCEL;
  return {
    addinVersion,
    inOffice,
    host,
    platform,
    platformLabel: (platform && PLATFORM_LABEL[platform]) ?? (inExcel ? 'Excel（平台未知）' : '不在 Excel 中'),
    officeVersion: context?.diagnostics?.version ?? null,
    displayLanguage: context?.displayLanguage ?? null,
    emptyCells: emptyCellsFor(platform),
    apiSets: inOffice ? apiSetSupport(isSetSupported) : [],
    webview: typeof navigator === 'undefined' ? '' : navigator.userAgent,
  };
}

/** What an empty cell means for the functions, in Chinese. */
export const EMPTY_CELLS_TEXT: Readonly<Record<EmptyCells, string>> = {
  null: '空单元格以空值传入 =HS.* 函数：区域中的空白月份不计入平均。',
  zero: '空单元格在区域参数中以 0 传入 =HS.* 函数（Windows 和 Mac 版 Excel 如此）：HS.ANNUAL 的区域请只包含有数据的月份；任务窗格写出的年度汇总已这样处理。',
  unknown: '未能确定空单元格如何传入 =HS.* 函数。',
};

/** The text a support call needs, to copy in one piece. */
export function supportText(info: HostInfo): string {
  const sets = info.apiSets.length
    ? info.apiSets.map((s) => `${s.name} ${s.highest ?? '不支持'}${s.required ? `（需要 ${s.required}，${s.ok ? '满足' : '不满足'}）` : ''}`).join('；')
    : '未读取（不在 Excel 中）';
  return [
    `充分就业社区评分加载项 ${info.addinVersion}`,
    `Excel：${info.platformLabel}（宿主 ${info.host ?? '未知'}，平台 ${info.platform ?? '未知'}）`,
    `Office 版本：${info.officeVersion ?? '未知'}；界面语言：${info.displayLanguage ?? '未知'}`,
    `空单元格：${EMPTY_CELLS_TEXT[info.emptyCells]}`,
    `API 集：${sets}`,
    `网页组件：${info.webview || '未知'}`,
  ].join('\n');
}
