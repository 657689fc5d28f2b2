/**
 * taskpane.html opened outside Excel: the manifest's LearnMoreUrl, a link someone shared, or the
 * deployment URL checked in a browser. Says what the add-in is and how to open it in Excel, instead of
 * starting the pane (which would fail on the missing Excel API). When office.js itself did not load,
 * says that too: the add-in needs Microsoft's CDN even inside Excel.
 */
import {
  Body1, Caption1, FluentProvider, Link, MessageBar, MessageBarBody, MessageBarTitle, Subtitle2, Title2, makeStyles, tokens, webLightTheme,
} from '@fluentui/react-components';

const useStyles = makeStyles({
  root: { minHeight: '100vh', boxSizing: 'border-box', padding: tokens.spacingHorizontalXL, maxWidth: '760px', backgroundColor: tokens.colorNeutralBackground1 },
  section: { marginTop: tokens.spacingVerticalL },
  list: { marginBlock: tokens.spacingVerticalS, paddingInlineStart: tokens.spacingHorizontalXXL, lineHeight: tokens.lineHeightBase400 },
  english: { marginTop: tokens.spacingVerticalXL, color: tokens.colorNeutralForeground3 },
  bar: { marginBlock: tokens.spacingVerticalM },
});

export type OutsideReason = 'browser' | 'noOfficeJs';

export function OutsideOffice({ reason }: { reason: OutsideReason }) {
  const styles = useStyles();
  const here = typeof location === 'undefined' ? '' : location.href.replace(/[^/]*$/, '');
  return (
    <FluentProvider theme={webLightTheme}>
      <main className={styles.root} aria-label="请在 Excel 中打开">
        <Title2 as="h1" block>充分就业社区(村)评分 · Excel 加载项</Title2>
        {reason === 'noOfficeJs' ? (
          <MessageBar intent="warning" className={styles.bar} role="alert">
            <MessageBarBody>
              <MessageBarTitle>无法加载 Office.js</MessageBarTitle>
              加载项要从微软的服务器（appsforoffice.microsoft.com）加载 Office.js，在 Excel 中使用时也一样。请确认这台电脑能访问该地址（内网请让信息科放行），然后在 Excel 中重新打开加载项。
            </MessageBarBody>
          </MessageBar>
        ) : (
          <MessageBar intent="info" className={styles.bar} role="status">
            <MessageBarBody>
              <MessageBarTitle>请在 Excel 中打开</MessageBarTitle>
              这个页面是 Excel 加载项的任务窗格，直接用浏览器打开时不能使用。
            </MessageBarBody>
          </MessageBar>
        )}
        <section className={styles.section} aria-label="这是什么">
          <Subtitle2 as="h2" block>这是什么</Subtitle2>
          <Body1 as="p" block>
            人社局按充分就业社区(村)评分细则给各社区、村逐月打分、汇总年度得分、确定末位淘汰并测算年终补贴。这个加载项在 Excel 中完成这些工作：
          </Body1>
          <ul className={styles.list}>
            <li>在单元格中输入 =HS.MONTHSCORE、=HS.ANNUAL、=HS.SUBSIDY 等工作表函数计算得分和补贴；</li>
            <li>「评分窗格」读取台账、对应列（列映射），写出「月度得分」「年度汇总」「问题清单」，并按向导写出「补贴测算」。</li>
          </ul>
        </section>
        <section className={styles.section} aria-label="如何在 Excel 中打开">
          <Subtitle2 as="h2" block>如何在 Excel 中打开</Subtitle2>
          <ol className={styles.list}>
            <li>向信息科（加载项管理员）索取加载项清单文件 manifest.xml；若管理员已在 Microsoft 365 管理中心为您部署，可跳过这一步。</li>
            <li>
              <b>Excel 网页版</b>：开始 › 加载项 › 更多加载项（更多设置）› 我的加载项 › 上传我的加载项，选择 manifest.xml。
            </li>
            <li>
              <b>Windows 版 Excel</b>：信息科把 manifest.xml 放在共享文件夹中；在 文件 › 选项 › 信任中心 › 信任中心设置 › 受信任的加载项目录 中添加该文件夹的网络路径并勾选「显示在菜单中」，重新启动 Excel，再在 插入 › 我的加载项 › 共享文件夹 中选择「充分就业社区评分」。
            </li>
            <li>
              <b>Mac 版 Excel</b>：把 manifest.xml 复制到 ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef（没有 wef 文件夹就新建一个），重新启动 Excel，在 插入 › 我的加载项 中选择。
            </li>
            <li>打开后，在「开始」选项卡点击「评分窗格」；或在单元格中输入 =HS. 使用评分函数。</li>
          </ol>
          <Caption1 as="p" block>
            需要 Microsoft 365 或 Office 2021 及以上版本的 Excel（Windows 版需安装 Microsoft Edge WebView2 运行时），或 Excel 网页版。详细步骤见使用说明（docs/使用说明.md）。
            {here && (
              <>
                {' '}本加载项的清单文件：<Link href={`${here}manifest.xml`}>{`${here}manifest.xml`}</Link>
              </>
            )}
          </Caption1>
        </section>
        <section className={styles.english} lang="en" aria-label="In English">
          <Body1 as="p" block>
            This is the task pane of the Full-Employment Community Scoring add-in for Excel; it works only inside Excel.
            {reason === 'noOfficeJs' && ' Office.js could not be loaded from Microsoft\'s CDN (appsforoffice.microsoft.com): the add-in needs it, in Excel too.'}{' '}
            To open it: Excel on the web, Home › Add-ins › More add-ins › My add-ins › Upload My Add-in (manifest.xml); Excel on Windows, a
            shared-folder catalog under File › Options › Trust Center › Trusted Add-in Catalogs; Excel on Mac, copy manifest.xml to
            ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef. Then choose Scoring pane on the Home tab.
          </Body1>
        </section>
      </main>
    </FluentProvider>
  );
}
