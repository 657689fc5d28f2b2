/**
 * Office's own errors in the analyst's language, with where they happened. Office.js rejects a
 * request with an OfficeExtension.Error: a code (ItemNotFound, InvalidOperationInCellEditMode …), an
 * English message and debugInfo, whose errorLocation names the API call that failed
 * (`WorksheetCollection.getItem`) and, with extended logging, the statement. The pane's error bar
 * shows them as
 *
 *   Excel 报告错误（ItemNotFound，位置 WorksheetCollection.getItem）：找不到所需的工作表或对象…（The requested resource doesn't exist.）
 *
 * so a support call has the location without a debugger. withOfficeErrors wraps the gateway the
 * pane uses (App.tsx); the gateway itself stays the one module that talks to Excel.
 */

/** The parts of OfficeExtension.Error this module reads. */
export interface OfficeErrorLike {
  name?: string;
  code: string;
  message: string;
  debugInfo?: { code?: string; message?: string; errorLocation?: string; statement?: string };
}

/** What Excel's error codes mean for the analyst. */
const CODE_TEXT: Readonly<Record<string, string>> = {
  AccessDenied: '没有执行此操作的权限（工作簿或工作表可能受保护，或以只读方式打开）',
  ActivityLimitReached: '已达到 Excel 的活动次数限制，请稍后重试',
  ApiNotAvailable: '此版本的 Excel 不提供所需的功能，请更新 Excel',
  ApiNotFound: '此版本的 Excel 不提供所需的功能，请更新 Excel',
  Conflict: '请求与其他更改冲突（可能有人同时在编辑此工作簿），请重试',
  GeneralException: 'Excel 处理请求时出错，请重试',
  InactiveWorkbook: '此工作簿已不是活动工作簿：请切换回该工作簿后重试',
  InsertDeleteConflict: '插入或删除单元格与其他操作冲突，请重试',
  InvalidArgument: 'Excel 不接受请求中的某个值',
  InvalidOperation: 'Excel 此时不能执行该操作',
  InvalidOperationInCellEditMode: 'Excel 正在编辑单元格：请先按 Enter 或 Esc 结束编辑，再重试',
  InvalidReference: '引用的区域无效',
  InvalidSelection: '当前选择的区域无效',
  ItemAlreadyExists: '同名的工作表或对象已存在',
  ItemNotFound: '找不到所需的工作表或对象（可能已被删除或改名），请重新读取工作簿',
  MemoryLimitReached: 'Excel 的内存不足，请关闭其他工作簿后重试',
  NonBlankCellOffSheet: '插入单元格会把有内容的单元格推出工作表',
  NotImplemented: '此版本的 Excel 尚未实现所需的功能，请更新 Excel',
  PropertyNotLoaded: '加载项内部错误（读取了尚未加载的属性），请联系维护人员',
  RequestAborted: '请求在完成前被中止，请重试',
  ResponsePayloadSizeLimitExceeded: 'Excel 返回的数据过大，请联系维护人员',
  ServiceNotAvailable: '服务暂时不可用，请稍后重试',
  Unauthenticated: '需要重新登录 Office',
  UnsupportedOperation: 'Excel 不支持此操作',
  UnsupportedSheet: '此类工作表（图表工作表、宏表等）不支持该操作',
};

/** An OfficeExtension.Error, or one shaped like it (the test fake's). */
export function isOfficeError(error: unknown): error is OfficeErrorLike {
  if (typeof error !== 'object' || error === null) return false;
  try {
    if (typeof OfficeExtension !== 'undefined' && typeof OfficeExtension.Error === 'function' && error instanceof OfficeExtension.Error) return true;
  } catch {
    // OfficeExtension exists but is not constructible here: fall back to the shape
  }
  const e = error as Partial<OfficeErrorLike>;
  return typeof e.code === 'string' && typeof e.message === 'string' && (e.name === 'RichApi.Error' || typeof e.debugInfo === 'object');
}

const clip = (text: string, most = 160) => (text.length > most ? `${text.slice(0, most)}…` : text);

/** The Chinese line for the error bar: what Excel said, what it means, and where. */
export function describeOfficeError(error: OfficeErrorLike): string {
  const info = error.debugInfo ?? {};
  const code = error.code || info.code || 'Unknown';
  const where = [info.errorLocation && `位置 ${info.errorLocation}`, info.statement && `语句 ${clip(info.statement)}`].filter(Boolean).join('，');
  const meaning = CODE_TEXT[code];
  const english = error.message || info.message || '';
  const said = meaning ? `${meaning}${english ? `（${english}）` : ''}` : english || '未说明原因';
  return `Excel 报告错误（${code}${where ? `，${where}` : ''}）：${said}`;
}

/** An Office error retold for the error bar; the original is its `cause`. */
export class OfficeErrorReport extends Error {
  readonly officeError: OfficeErrorLike;

  constructor(error: OfficeErrorLike) {
    super(describeOfficeError(error));
    this.name = 'OfficeErrorReport';
    this.officeError = error;
  }
}

/** Codes the pane already words itself (usePane's describeError): passed through as they are. */
const PASSED_THROUGH = new Set(['RequestPayloadSizeLimitExceeded']);

/**
 * The gateway with every Office error it throws retold in Chinese with its location; everything else
 * (a cancel, the pane's own messages) passes through untouched.
 */
export function withOfficeErrors<G extends object>(gateway: G): G {
  const wrapped: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(gateway)) {
    wrapped[name] =
      typeof member === 'function'
        ? async (...args: unknown[]) => {
            try {
              return await (member as (...a: unknown[]) => unknown).apply(gateway, args);
            } catch (error) {
              throw isOfficeError(error) && !PASSED_THROUGH.has(error.code) ? new OfficeErrorReport(error) : error;
            }
          }
        : member;
  }
  return wrapped as G;
}
