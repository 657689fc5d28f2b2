/**
 * Whether Office shows a dark theme (Black or Dark Gray), so the pane can follow it.
 *
 * `isDarkTheme` is the direct answer where Office provides it; otherwise the body background's
 * brightness decides. Excel on the web has no `officeTheme` at all: light.
 */
export function isDarkOfficeTheme(theme: Partial<Office.OfficeTheme> | null | undefined): boolean {
  if (!theme) return false;
  if (typeof theme.isDarkTheme === 'boolean') return theme.isDarkTheme;
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(theme.bodyBackgroundColor ?? '');
  if (!match) return false;
  const [r, g, b] = match.slice(1).map((hex) => parseInt(hex, 16));
  return 0.299 * r + 0.587 * g + 0.114 * b < 128;
}
