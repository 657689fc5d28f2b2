/**
 * A list of names in a Chinese message: the first few, then how many in all (`甲、乙、丙等12个`).
 * One formatter for the engine, the readers, the CLI and the pane, so every message lists alike.
 */
export function someNames(names: readonly string[], options: { most?: number; quoted?: boolean; unit?: string } = {}): string {
  const { most = 5, quoted = false, unit = '个' } = options;
  const shown = names.slice(0, most).map((n) => (quoted ? `「${n}」` : n)).join('、');
  return names.length > most ? `${shown}等${names.length}${unit}` : shown;
}

/** How many units are of each of a rubric's types, in its order: `社区 12 个，村 8 个`. */
export function countsByType(typeNames: readonly string[], unitTypes: readonly (string | null)[]): string {
  return typeNames.map((name) => `${name} ${unitTypes.filter((t) => t === name).length} 个`).join('，');
}
