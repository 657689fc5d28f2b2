/**
 * 关于: the facts a support call needs (the add-in's version; Excel's host, platform, build and
 * language; the requirement sets this Excel supports against what the add-in needs; how empty cells
 * reach the =HS.* functions here; the webview) with a button that copies them, and the analyst's own
 * preferences, which are kept on this computer rather than in the workbook.
 */
import { useState } from 'react';
import {
  Body1, Button, Caption1, Checkbox, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger,
  Subtitle2, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Textarea, makeStyles, tokens,
} from '@fluentui/react-components';
import { EMPTY_CELLS_TEXT, readHostInfo, supportText, type HostInfo } from '../hostInfo';
import type { Preferences } from '../preferences';

const useStyles = makeStyles({
  section: { marginBlock: tokens.spacingVerticalS },
  facts: { margin: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS },
  term: { fontWeight: tokens.fontWeightSemibold },
  detail: { margin: 0, wordBreak: 'break-all' },
  support: { width: '100%', marginTop: tokens.spacingVerticalS },
  missing: { color: tokens.colorPaletteRedForeground1 },
  sets: { tableLayout: 'auto' },
});

export function AboutButton({ preferences }: { preferences: Preferences }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={(_, d) => setOpen(d.open)}>
      <DialogTrigger disableButtonEnhancement>
        <Button size="small">关于</Button>
      </DialogTrigger>
      {open ? <AboutDialog preferences={preferences} /> : <></>}
    </Dialog>
  );
}

function AboutDialog({ preferences }: { preferences: Preferences }) {
  const styles = useStyles();
  const [info] = useState<HostInfo>(() => readHostInfo());
  const [prefs, setPrefs] = useState(() => preferences.read());
  const [copied, setCopied] = useState<string | null>(null);
  const text = supportText(info);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('已复制，可以粘贴到聊天或邮件中。');
    } catch {
      // Some webviews refuse the clipboard: the text below can be selected and copied by hand.
      setCopied('此 Excel 不允许加载项写入剪贴板：请选中下面的文字后按 Ctrl+C（Mac 为 ⌘C）复制。');
    }
  };
  const facts: [string, string][] = [
    ['加载项版本', info.addinVersion],
    ['Excel', `${info.platformLabel}（宿主 ${info.host ?? '未知'}，平台 ${info.platform ?? '未知'}）`],
    ['Office 版本', info.officeVersion ?? '未知'],
    ['界面语言', info.displayLanguage ?? '未知'],
  ];
  return (
    <DialogSurface aria-label="关于此加载项">
      <DialogBody>
        <DialogTitle>关于此加载项</DialogTitle>
        <DialogContent>
          <Body1 as="p" block>充分就业社区(村)评分：=HS.* 工作表函数与评分窗格。联系维护人员时，请复制以下信息。</Body1>
          <dl className={styles.facts}>
            {facts.map(([term, value]) => (
              <div key={term} style={{ display: 'contents' }}>
                <dt className={styles.term}>{term}</dt>
                <dd className={styles.detail}>{value}</dd>
              </div>
            ))}
          </dl>
          <section className={styles.section} aria-label="空单元格">
            <Subtitle2 as="h3" block>空单元格</Subtitle2>
            <Body1 as="p" block>{EMPTY_CELLS_TEXT[info.emptyCells]}</Body1>
          </section>
          <section className={styles.section} aria-label="支持的 API 集">
            <Subtitle2 as="h3" block>支持的 API 集</Subtitle2>
            {info.apiSets.length === 0 ? (
              <Body1 as="p" block>不在 Excel 中，未读取。</Body1>
            ) : (
              <Table size="extra-small" className={styles.sets} aria-label="此 Excel 支持的 API 集">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>API 集</TableHeaderCell>
                    <TableHeaderCell>此 Excel</TableHeaderCell>
                    <TableHeaderCell>加载项需要</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {info.apiSets.map((s) => (
                    <TableRow key={s.name}>
                      <TableCell>{s.name}</TableCell>
                      <TableCell className={s.ok ? undefined : styles.missing}>{s.highest ?? '不支持'}</TableCell>
                      <TableCell>{s.required ? `${s.required}（${s.ok ? '满足' : '不满足'}）` : '—'}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </section>
          <section className={styles.section} aria-label="网页组件">
            <Subtitle2 as="h3" block>网页组件</Subtitle2>
            <Caption1 as="p" block className={styles.detail}>{info.webview || '未知'}</Caption1>
          </section>
          <section className={styles.section} aria-label="本机设置">
            <Subtitle2 as="h3" block>本机设置</Subtitle2>
            <Checkbox
              checked={prefs.autoLoad}
              label="打开窗格时自动读取工作簿"
              onChange={(_, d) => {
                preferences.write({ autoLoad: Boolean(d.checked) });
                setPrefs(preferences.read());
              }}
            />
            <Caption1 as="p" block>
              保存在{preferences.where}，不写入工作簿；窗格还会记住上次打开的选项卡。
            </Caption1>
            <Button
              size="small"
              onClick={() => {
                preferences.clear();
                setPrefs(preferences.read());
              }}
            >
              恢复默认设置
            </Button>
          </section>
          <Textarea className={styles.support} readOnly value={text} aria-label="支持信息" rows={6} resize="vertical" />
          {copied && <Caption1 as="p" block role="status">{copied}</Caption1>}
        </DialogContent>
        <DialogActions>
          <Button appearance="primary" onClick={() => void copy()}>复制支持信息</Button>
          <DialogTrigger disableButtonEnhancement>
            <Button>关闭</Button>
          </DialogTrigger>
        </DialogActions>
      </DialogBody>
    </DialogSurface>
  );
}
