/*
 * HS.* custom functions: thin adapters from worksheet cells to the engine in src/ (src/formulas/
 * holds every rule; nothing here decides a score). Each adapter passes the rule set its formula
 * names (the optional last argument `rubric`: a 评分细则 range, else the built-in Heshan 2024 rubric;
 * never state set elsewhere) and the parameters' cell addresses, and turns a FormulaError into
 * CustomFunctions.Error. An argument added to a function after `rubric` (HS.MONTHSCORES' `month`)
 * goes after it, so that formulas already written in workbooks keep their meaning.
 *
 * The JSDoc blocks are the functions' metadata: custom-functions-metadata-plugin turns them into
 * functions.json at build time (ids, Chinese descriptions, parameter help) and appends the
 * CustomFunctions.associate(...) calls to this module, so nothing here registers by hand. The
 * parameters' Chinese names and the English help are in functions/translations.json; the build writes
 * functions.json (zh-CN) and functions.en-US.json from both (functions/localizeMetadata.js), and a
 * parameter added here without its translation fails the build.
 *
 * Parameters are typed `any` (metadata type "any"), not `number`: with a number parameter Excel turns
 * a text cell into a bare #VALUE! before the function runs, and the analyst never learns which cell
 * it was. @requiresParameterAddresses gives each parameter's address, so messages name real cells;
 * Microsoft documents it only for functions whose result is a matrix, so every function that asks
 * for addresses returns one (a single answer as a 1×1 matrix, which Excel shows as a value). Where a
 * host still gives no addresses, messages name the argument and the position in it.
 */
import { annualOf, annualsOf } from '../src/formulas/annual';
import { bottomRank, eliminated as isEliminatedUnit, groupFlag as hasFlaggedGroup, subsidy as subsidyOf } from '../src/formulas/districtFunctions';
import { FormulaError } from '../src/formulas/formulaError';
import { hardRate as hardRateOf, indicatorInputs, indicatorScore, jobRate as jobRateOf, rate as rateOf, type Addresses } from '../src/formulas/indicatorFunctions';
import { monthScores as monthScoresOf } from '../src/formulas/monthBlock';
import { breakdown as breakdownOf, breakdownCodes, monthScore as monthScoreOf } from '../src/formulas/monthFunctions';
import { ruleSetArgument } from '../src/formulas/rubricArgument';
import { circleCost as circleCostOf, equipCheck as equipCheckOf, fullShare as fullShareOf, topShare as topShareOf } from '../src/formulas/seedPolicyFunctions';
import { service131 as service131Of, townRate as townRateOf, tracked as trackedOf } from '../src/formulas/haianFunctions';

function toCustomFunctionsError(error: FormulaError): CustomFunctions.Error {
  const code = error.kind === 'notAvailable' ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
  return new CustomFunctions.Error(code, error.message);
}

/** Runs an engine call; a FormulaError becomes the cell's error value with its Chinese message. */
function run<T>(compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof FormulaError) throw toCustomFunctionsError(error);
    throw error;
  }
}

/** A result as the matrix Excel spills: a single answer as 1×1, errors inside a range kept in their cells. */
function spilled(result: unknown): any[][] {
  if (!Array.isArray(result)) return [[result]];
  return (result as unknown[][]).map((row) => row.map((cell) => (cell instanceof FormulaError ? toCustomFunctionsError(cell) : cell)));
}

/** Parameter name → address, from the invocation (absent in hosts that do not give addresses). */
function addressesOf(invocation: CustomFunctions.Invocation | undefined, names: readonly string[]): Addresses {
  const given = invocation?.parameterAddresses ?? [];
  return Object.fromEntries(names.map((name, i) => [name, given[i] || undefined]));
}

/** The rule set the formula names in its `rubric` argument (the parameter at `position`). */
function rubricOf(rubric: unknown, invocation: CustomFunctions.Invocation | undefined, position: number) {
  return ruleSetArgument(rubric ?? null, invocation?.parameterAddresses?.[position] || undefined);
}

/**
 * 登记失业人员就业率（指标E1）：(劳动力总数 − 期末登记失业人员人数) ÷ 劳动力总数。劳动力总数须大于0；人数不能为负，也不能大于劳动力总数。
 * @customfunction JOBRATE
 * @param laborForce 劳动力总数（人），须大于0。
 * @param registeredUnemployed 期末登记失业人员人数（人）；空白按0计。
 * @param [rubric] 评分细则工作表的区域（如 评分细则!$A$1:$P$60）；省略时按内置的鹤山2024评分细则。
 * @returns 就业率（0–1 之间的小数，可设置为百分比格式）。
 * @requiresParameterAddresses
 */
export function jobRate(laborForce: any, registeredUnemployed: any, rubric: any[][], invocation: CustomFunctions.Invocation): any[][] {
  return run(() => spilled(jobRateOf(laborForce, registeredUnemployed, rubricOf(rubric, invocation, 2), addressesOf(invocation, ['laborForce', 'registeredUnemployed']))));
}

/**
 * 就业困难人员就业率（指标E3）：(劳动力总数 − 期末就业困难人员人数) ÷ 劳动力总数。劳动力总数须大于0；人数不能为负，也不能大于劳动力总数。
 * @customfunction HARDRATE
 * @param laborForce 劳动力总数（人），须大于0。
 * @param hardToEmploy 期末就业困难人员人数（人）；空白按0计。
 * @param [rubric] 评分细则工作表的区域；省略时按内置的鹤山2024评分细则。
 * @returns 就业率（0–1 之间的小数，可设置为百分比格式）。
 * @requiresParameterAddresses
 */
export function hardRate(laborForce: any, hardToEmploy: any, rubric: any[][], invocation: CustomFunctions.Invocation): any[][] {
  return run(() => spilled(hardRateOf(laborForce, hardToEmploy, rubricOf(rubric, invocation, 2), addressesOf(invocation, ['laborForce', 'hardToEmploy']))));
}

/**
 * 比率：分子 ÷ 分母。分母为0或空白（无基数）时按达标计为 1（裁定R2，评分细则可另行设置）。分子、分母不能为负数，也不能是百分比。
 * @customfunction RATE
 * @param numerator 分子（人数、条数等）；空白按0计。
 * @param denominator 分母；为0或空白时视为无基数。
 * @param [rubric] 评分细则工作表的区域；省略时按内置的鹤山2024评分细则。
 * @returns 比率（无基数时为 1）。
 * @requiresParameterAddresses
 */
export function rate(numerator: any, denominator: any, rubric: any[][], invocation: CustomFunctions.Invocation): any[][] {
  return run(() => spilled(rateOf(numerator, denominator, rubricOf(rubric, invocation, 2), addressesOf(invocation, ['numerator', 'denominator']))));
}

/**
 * 单项指标得分：按评分细则计算一个指标（E1…P3，或P2a、P2b）在一个月的得分。输入按 HS.INPUTS(指标代码) 列出的顺序给出，可以是一行单元格或数组常量。
 * @customfunction SCORE
 * @param code 指标代码，例如 "E1"、"S3b"、"P2"。
 * @param inputs 该指标的输入值，按 HS.INPUTS 的顺序，例如 B5:C5 或 {1000,20}。
 * @param [month] 月份（1–12）；只影响自某月起考核的指标（P2a、P2b），省略时按已考核计。
 * @param [unitType] 类型：评分细则的单位类型（赫山细则为社区或村）；只影响只适用于某些类型的指标（如 E4a 社区、E4b 村），省略时按指标本身的类型。
 * @param [rubric] 评分细则工作表的区域；省略时按内置的鹤山2024评分细则。
 * @returns 该指标的得分。
 * @requiresParameterAddresses
 */
export function score(code: any, inputs: any[][], month: any, unitType: any, rubric: any[][], invocation: CustomFunctions.Invocation): any[][] {
  return run(() => spilled(indicatorScore(code, inputs, month, unitType, rubricOf(rubric, invocation, 4), addressesOf(invocation, ['code', 'inputs', 'month', 'unitType']))));
}

/**
 * 指标的输入项：按 HS.SCORE 需要的顺序列出一个指标读取的字段名称（横向溢出），可作为输入区域的表头。
 * @customfunction INPUTS
 * @param code 指标代码，例如 "E1"、"S3b"。
 * @param [rubric] 评分细则工作表的区域；省略时按内置的鹤山2024评分细则。
 * @returns 输入字段的名称，一行。
 * @requiresParameterAddresses
 */
export function inputs(code: any, rubric: any[][], invocation: CustomFunctions.Invocation): string[][] {
  return run(() => [indicatorInputs(code, rubricOf(rubric, invocation, 1), addressesOf(invocation, ['code']))]);
}

/**
 * 各行月度得分（整块计算）：按表头识别台账中一块数据行（与 hs-score 的列映射相同），一次算出每行各指标得分和月度总分（溢出为每行一行）。比逐行公式快得多，任务窗格按块写出月度得分。有错误的单元格只使该行相关指标显示错误值并指出单元格。按月分表的台账（每月一张表、没有「月份」列）给出「月份」参数。
 * @customfunction MONTHSCORES
 * @param headerRows 台账的表头行（一行，或两行的合并表头），例如 台账!$A$3:$BH$4；须有「单位名称」列，以及「月份」列或「月份」参数。
 * @param rows 台账的一块数据行，与表头同宽，例如 台账!$A$5:$BH$3004。
 * @param [params] 参数表区域（含表头：月份及各项全省平均值），例如 参数!$A$1:$E$13。
 * @param [rubric] 评分细则工作表的区域；省略时按内置的鹤山2024评分细则。
 * @param [month] 这一块各行的月份：1–12、“2024年3月”，或写有月份的标题单元格（如 '3月'!$A$1）；按月分表的台账没有「月份」列时给出，省略时读取每行的「月份」列。
 * @returns 每行一行：按评分细则顺序的各指标得分（HS.ITEMS 给出指标代码），最后一列为月度总分；不适用于该类型的指标为空。
 * @requiresParameterAddresses
 */
export function monthScores(headerRows: any[][], rows: any[][], params: any[][], rubric: any[][], month: any, invocation: CustomFunctions.Invocation): any[][] {
  return run(() => spilled(monthScoresOf({ headerRows, rows, params: params ?? null, month }, rubricOf(rubric, invocation, 3), addressesOf(invocation, ['headerRows', 'rows', 'params', 'rubric', 'month']))));
}

/**
 * 月度总分：按表头识别台账一行中的各项数据（与 hs-score 的列映射相同），计算该社区(村)当月的总分。有错误的单元格会返回 #VALUE! 并指出单元格。整个台账请用 HS.MONTHSCORES。
 * @customfunction MONTHSCORE
 * @param headerRow 台账的表头行（一行，或两行的合并表头），例如 台账!$A$3:$BH$4。
 * @param valueRow 该单位该月的数据行，与表头同宽，例如 台账!A5:BH5。
 * @param [params] 参数表区域（含表头：月份及各项全省平均值），例如 参数!$A$1:$E$13；台账中已有全省平均值列时可省略。
 * @param [month] 月份（1–12）；省略时读取数据行中的「月份」列。
 * @param [unitType] 类型：评分细则的单位类型（赫山细则为社区或村）；省略时读取数据行中的「类型」列。
 * @param [rubric] 评分细则工作表的区域；省略时按内置的鹤山2024评分细则。
 * @returns 当月总分。
 * @requiresParameterAddresses
 */
export function monthScore(headerRow: any[][], valueRow: any[][], params: any[][], month: any, unitType: any, rubric: any[][], invocation: CustomFunctions.Invocation): any[][] {
  return run(() =>
    spilled(monthScoreOf({ headerRow, valueRow, params: params ?? null, month, unitType }, rubricOf(rubric, invocation, 5), addressesOf(invocation, ['headerRow', 'valueRow', 'params', 'month', 'unitType']))),
  );
}

/**
 * 各项指标得分：与 HS.MONTHSCORE 相同的参数，按评分细则顺序横向列出每个指标的得分（HS.ITEMS 给出对应的指标代码）。不适用于该类型的指标为空；有错误的指标单独显示错误值。
 * @customfunction BREAKDOWN
 * @param headerRow 台账的表头行（一行，或两行的合并表头）。
 * @param valueRow 该单位该月的数据行，与表头同宽。
 * @param [params] 参数表区域（含表头：月份及各项全省平均值）。
 * @param [month] 月份（1–12）；省略时读取数据行中的「月份」列。
 * @param [unitType] 类型：评分细则的单位类型（赫山细则为社区或村）；省略时读取数据行中的「类型」列。
 * @param [rubric] 评分细则工作表的区域；省略时按内置的鹤山2024评分细则。
 * @returns 各指标得分，一行。
 * @requiresParameterAddresses
 */
export function breakdown(headerRow: any[][], valueRow: any[][], params: any[][], month: any, unitType: any, rubric: any[][], invocation: CustomFunctions.Invocation): any[][] {
  return run(() =>
    spilled(breakdownOf({ headerRow, valueRow, params: params ?? null, month, unitType }, rubricOf(rubric, invocation, 5), addressesOf(invocation, ['headerRow', 'valueRow', 'params', 'month', 'unitType']))),
  );
}

/**
 * 指标代码：按评分细则顺序横向列出 HS.BREAKDOWN、HS.MONTHSCORES 各列对应的指标代码（E1、E2…P3），可作为表头。
 * @customfunction ITEMS
 * @param [rubric] 评分细则工作表的区域；省略时按内置的鹤山2024评分细则。
 * @returns 指标代码，一行。
 * @requiresParameterAddresses
 */
export function items(rubric: any[][], invocation: CustomFunctions.Invocation): string[][] {
  return run(() => [breakdownCodes(rubricOf(rubric, invocation, 0))]);
}

/**
 * 年度得分：各月月度总分的平均值，按 Excel 的 ROUND(平均值, 2) 保留两位小数（四舍五入）。空白单元格不计入平均；区域中有文字等非数字内容时返回 #VALUE! 并指出所在单元格。
 * @customfunction ANNUAL
 * @param monthlyTotals 该社区(村)各月的月度总分所在区域，例如 B2:M2；空白月份不计入平均。
 * @param [rubric] 评分细则工作表的区域（决定保留的小数位）；省略时按内置的鹤山2024评分细则。
 * @returns 年度得分，保留两位小数。
 * @requiresParameterAddresses
 */
export function annual(monthlyTotals: any[][], rubric: any[][], invocation: CustomFunctions.Invocation): any[][] {
  return run(() => spilled(annualOf(monthlyTotals, rubricOf(rubric, invocation, 1), addressesOf(invocation, ['monthlyTotals']))));
}

/**
 * 各单位年度得分（整列计算）：区域中每一行是一个单位的各月月度总分，返回每个单位的年度得分（溢出为一列），一次算完全区。空白不计入平均；一行中没有任何得分时为空。
 * @customfunction ANNUALS
 * @param monthlyTotals 单位 × 月份的月度总分区域，每行一个单位，例如 年度汇总!$T$2:$AE$37；含错误值时请用 IFERROR(区域,"")。
 * @param [rubric] 评分细则工作表的区域（决定保留的小数位）；省略时按内置的鹤山2024评分细则。
 * @returns 每个单位的年度得分，一列。
 * @requiresParameterAddresses
 */
export function annuals(monthlyTotals: any[][], rubric: any[][], invocation: CustomFunctions.Invocation): any[][] {
  return run(() => spilled(annualsOf(monthlyTotals, rubricOf(rubric, invocation, 1), addressesOf(invocation, ['monthlyTotals']))));
}

/**
 * 倒数排名：年度得分在全部单位中由低到高的名次（与 RANK.EQ(得分, 区域, 1) 相同，同分同名次）。第一个参数给出整列得分时，一次返回整列名次（溢出），比每行一个公式快得多。
 * @customfunction BOTTOMRANK
 * @param score 本单位的年度得分，或整列得分（如 H2:H37，返回整列名次）。
 * @param allScores 全部单位的年度得分（一行或一列）；空白不参加排名（名次只在有得分的单位之间计算）。
 * @returns 倒数名次，1 为最低分；整列时没有得分的单位为空。
 * @requiresParameterAddresses
 */
export function bottomrank(score: any[][], allScores: any[][], invocation: CustomFunctions.Invocation): any[][] {
  return run(() => spilled(bottomRank(score, allScores, addressesOf(invocation, ['score', 'allScores']))));
}

/**
 * 末位淘汰：倒数名次在末位名额之内且年度得分低于分数线时为 TRUE（默认按评分细则：倒数3名、95分，并列的同时淘汰）。「全部得分」中的空白是没有年度得分的单位（裁定R9）：其本身和可能因其得分而改变结果的单位返回「待核实」。第一个参数给出整列得分时返回整列结果（溢出）。
 * @customfunction ELIMINATED
 * @param score 本单位的年度得分，或整列得分（返回整列结果；没有得分的单位为「待核实」）。
 * @param allScores 全部单位的年度得分（一行或一列，只含单位所在的行）；空白表示该单位没有年度得分。
 * @param [bottomN] 末位名额，省略时按评分细则（鹤山2024为 3）。
 * @param [threshold] 分数线，低于此分才淘汰，省略时按评分细则（鹤山2024为 95）。
 * @param [rubric] 评分细则工作表的区域；省略时按内置的鹤山2024评分细则。
 * @returns TRUE 表示列入末位淘汰，FALSE 表示不列入，「待核实」表示取决于尚无得分的单位。
 * @requiresParameterAddresses
 */
export function eliminated(score: any[][], allScores: any[][], bottomN: any, threshold: any, rubric: any[][], invocation: CustomFunctions.Invocation): any[][] {
  return run(() => spilled(isEliminatedUnit(score, allScores, bottomN, threshold, rubricOf(rubric, invocation, 4), addressesOf(invocation, ['score', 'allScores', 'bottomN', 'threshold']))));
}

/**
 * 老带新小组标记：本单位所在小组有成员列入末位淘汰时为 TRUE；没有成员确定淘汰、但有成员末位淘汰「待核实」时为「待核实」；未分组的单位为 FALSE。第一个参数给出整列小组时返回整列结果（溢出）。
 * @customfunction GROUPFLAG
 * @param group 本单位所在的小组，或整列小组（返回整列结果）。
 * @param groups 全部单位的小组（一行或一列）。
 * @param eliminatedFlags 全部单位的末位淘汰标记（TRUE/FALSE、是/否 或 待核实），与小组一一对应。
 * @returns TRUE 表示所在小组被标记，「待核实」表示取决于尚无得分的单位。
 * @requiresParameterAddresses
 */
export function groupflag(group: any[][], groups: any[][], eliminatedFlags: any[][], invocation: CustomFunctions.Invocation): any[][] {
  return run(() => spilled(hasFlaggedGroup(group, groups, eliminatedFlags, addressesOf(invocation, ['group', 'groups', 'eliminatedFlags']))));
}

/**
 * 年终补贴：按补贴政策计算本单位的年终金额（层级或3:4:3分档补助，末位淘汰不予补助，所在小组有末位淘汰的扣减，加带动奖励）。全区只计算一次，各单元格共用结果；第一个参数给出整列单位时返回整列结果（溢出）；项目给出一行名称（如表头 补贴档次…说明）时每项一列。
 * @customfunction SUBSIDY
 * @param unit 本单位名称，或整列单位名称（返回整列结果）。
 * @param units 全部单位名称（一行或一列）。
 * @param scores 全部单位的年度得分，与单位一一对应；空白表示没有年度得分（其补贴及受其影响的金额为「待核实」）。
 * @param levels 全部单位的认定层级（省级、市级、区级或无）。
 * @param groups 全部单位的老带新小组。
 * @param [rewards] 全部单位的带动奖励金额；省略时按0计。
 * @param [policy] 补贴政策：heshan-2024（默认）或 gansu-2023。
 * @param [part] 返回哪一项：合计（默认）、基础、扣减、奖励、档次、说明；也可给出一行项目名称，每项一列。
 * @param [rubric] 评分细则工作表的区域（末位淘汰的名额和分数线）；省略时按内置的鹤山2024评分细则。
 * @returns 金额（元），或选择「说明」「档次」时的文字；无法确定的金额为「待核实」（裁定R9），说明中写明原因；整列时每个单位一行。
 * @requiresParameterAddresses
 */
export function subsidy(unit: any[][], units: any[][], scores: any[][], levels: any[][], groups: any[][], rewards: any[][], policy: any, part: any[][], rubric: any[][], invocation: CustomFunctions.Invocation): any[][] {
  return run(() =>
    spilled(subsidyOf(
      { unit, units, scores, levels, groups, rewards: rewards ?? null, policy, part },
      rubricOf(rubric, invocation, 8),
      addressesOf(invocation, ['unit', 'units', 'scores', 'levels', 'groups', 'rewards', 'policy', 'part']),
    )),
  );
}

/* ---------- The seeds' other policies (issue 5): 黄山 2022, 山东 2010, 甘肃 2023 ---------- */
// Imported here, next to their adapters, so this block stays one appended piece.

/**
 * “三公里”就业圈购买服务费用（黄山2022）：按七普常住人口，每万人服务费8000元、监理费2000元（按人口折算万人，不取整）；给出城镇人口时核对每万城镇人口总费用不高于1万元的上限。
 * @customfunction CIRCLECOST
 * @param population 就业圈的七普常住人口（人），如 125000，也可写“12.5万”。
 * @param [urbanPopulation] 就业圈的城镇人口（人），用于核对费用上限；省略时不核对上限。
 * @param [part] 返回哪一项：合计（默认）、服务费、监理费、万人、上限、超出、是否超限、可安排（不超过上限的金额）、说明。
 * @returns 金额（元）；「是否超限」为 TRUE/FALSE，「说明」为文字。
 * @requiresParameterAddresses
 */
export function circleCost(population: any, urbanPopulation: any, part: any, invocation: CustomFunctions.Invocation): any[][] {
  return run(() => spilled(circleCostOf(population, urbanPopulation, part, addressesOf(invocation, ['population', 'urbanPopulation', 'part']))));
}

/**
 * 充分就业社区占比（山东2010）：认定为充分就业社区的个数 ÷ 社区总数（所选单元格数），及是否达到80%以上的目标（恰为80%即达标）。每个单元格填是/否或 TRUE/FALSE，不能留空。
 * @customfunction FULLSHARE
 * @param flags 每个社区是否为充分就业社区（一行或一列，是/否 或 TRUE/FALSE），一个单元格一个社区。
 * @param [target] 目标占比，默认 80%（或评分细则的认定占比目标）；按类型可写「社区 75%；村 70%」。
 * @param [part] 返回哪一项：占比（默认）、是否达标、认定数、总数、至少需要、还差、说明。
 * @param [types] 每个单位的类型（与 flags 等长），按类型计算占比时给出：各类型按各自的目标（如 社区 75%、村 70%）。
 * @param [rubric] 评分细则工作表的区域；省略目标时取其中的认定占比目标。
 * @returns 占比（0–1 的小数，可设置为百分比格式）；「是否达标」为 TRUE/FALSE，「说明」为文字；按类型时数值项每类一行（类型、数值）。
 * @requiresParameterAddresses
 */
export function fullShare(flags: any[][], target: any, part: any, types: any[][], rubric: any[][], invocation: CustomFunctions.Invocation): any[][] {
  return run(() => spilled(fullShareOf(flags, target, part, addressesOf(invocation, ['flags', 'target', 'part', 'types']), types ?? null, rubricOf(rubric, invocation, 4))));
}

/**
 * 排名靠前奖励（山东2010）：得分由高到低排名，在前“奖励比例”之内时为 TRUE。名额 = 比例 × 参加排名的单位数，四舍五入；名额线上并列的单位默认一并奖励。文件未规定比例，须给出。
 * @customfunction TOPSHARE
 * @param score 本单位的考核得分。
 * @param allScores 全部单位的考核得分（一行或一列）；空白不参加排名。
 * @param share 奖励比例，如 20%。
 * @param [tiesRewarded] 名额线上的并列单位是否一并奖励：TRUE（默认）或 FALSE（均不奖励）。
 * @returns TRUE 表示列入奖励。
 * @requiresParameterAddresses
 */
export function topShare(score: any, allScores: any[][], share: any, tiesRewarded: any, invocation: CustomFunctions.Invocation): any[][] {
  return run(() => spilled(topShareOf(score, allScores, share, tiesRewarded, addressesOf(invocation, ['score', 'allScores', 'share', 'tiesRewarded']))));
}

/**
 * 信息网络建设支出核对（甘肃2023第十三条）：支出明细按第十三条五项使用范围归类，第（四）项信息网络建设（电脑、打印机、复印机、信息网络系统建设和运维）支出不超过补助资金的20%；超出时说明超出多少。
 * @customfunction EQUIPCHECK
 * @param spending 支出明细，两列：支出类别、金额（可含表头行）。类别可写第十三条的项目编号，如“（四）购置电脑”。
 * @param subsidy 本社区的补助资金（元），或认定层级：国家级（3万元）、省级（2万元）、市级（1万元）。
 * @param [part] 返回哪一项：说明（默认）、超出、是否超出、上限、支出、补助资金。
 * @returns 文字结论；「超出」「上限」「支出」「补助资金」为金额（元），「是否超出」为 TRUE/FALSE。
 * @requiresParameterAddresses
 */
export function equipCheck(spending: any[][], subsidy: any, part: any, invocation: CustomFunctions.Invocation): any[][] {
  return run(() => spilled(equipCheckOf(spending, subsidy, part, addressesOf(invocation, ['spending', 'subsidy', 'part']))));
}

/**
 * 跟踪服务是否及时（海安2021）：稳定就业人员每年、灵活就业和无就业意愿人员每半年、失业人员每月跟踪服务一次。默认返回扣分（0 或 1），也可返回是否达标或说明。
 * @customfunction TRACKED
 * @param status 就业状态：稳定就业、灵活就业、无就业意愿、失业等。
 * @param lastTracked 最近跟踪服务日期（可为日期或“2021-03-01”这样的文字）。
 * @param asOf 核查截止日期（季度末）。
 * @param [entryDate] 纳入台账日期：从未跟踪过的人员从此日算起。
 * @param [part] 返回哪一项：扣分（默认）、是否达标、说明。
 * @returns 扣分；「是否达标」为 TRUE/FALSE，「说明」为文字。
 * @requiresParameterAddresses
 */
export function tracked(status: any, lastTracked: any, asOf: any, entryDate: any, part: any, invocation: CustomFunctions.Invocation): any[][] {
  return run(() => spilled(trackedOf(status, lastTracked, asOf, entryDate, part, addressesOf(invocation, ['status', 'lastTracked', 'asOf', 'entryDate', 'part']))));
}

/**
 * “131”服务（海安2021）：失业人员每年至少1次职业指导、3次职业介绍、1次技能培训；年底仍不足的扣分，年中只说明尚缺几次。
 * @customfunction SERVICE131
 * @param status 就业状态；只有失业人员需要131服务。
 * @param guidance 本年职业指导次数。
 * @param referral 本年职业介绍次数。
 * @param training 本年技能培训次数。
 * @param asOf 核查截止日期。
 * @param [part] 返回哪一项：扣分（默认）、是否达标、说明。
 * @returns 扣分；「是否达标」为 TRUE/FALSE，「说明」为文字。
 * @requiresParameterAddresses
 */
export function service131(status: any, guidance: any, referral: any, training: any, asOf: any, part: any, invocation: CustomFunctions.Invocation): any[][] {
  return run(() =>
    spilled(service131Of(status, guidance, referral, training, asOf, part, addressesOf(invocation, ['status', 'guidance', 'referral', 'training', 'asOf', 'part']))),
  );
}

/**
 * 区镇登记失业率（海安2021）：登记失业人数 ÷ 劳动力人数，控制在3%以内（含3%）为达标。
 * @customfunction TOWNRATE
 * @param laborForce 区镇劳动力人数，须大于0。
 * @param registeredUnemployed 区镇登记失业人数。
 * @param [part] 省略时返回失业率；「是否达标」返回 TRUE/FALSE，「说明」返回文字。
 * @returns 登记失业率（0–1 的小数）。
 * @requiresParameterAddresses
 */
export function townRate(laborForce: any, registeredUnemployed: any, part: any, invocation: CustomFunctions.Invocation): any[][] {
  return run(() => spilled(townRateOf(laborForce, registeredUnemployed, part, addressesOf(invocation, ['laborForce', 'registeredUnemployed', 'part']))));
}
