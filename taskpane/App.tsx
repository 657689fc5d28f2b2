import {
  Body1,
  FluentProvider,
  Title2,
  makeStyles,
  tokens,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';

const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    boxSizing: 'border-box',
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  heading: {
    display: 'block',
    marginTop: 0,
    marginBottom: tokens.spacingVerticalM,
  },
});

export interface AppProps {
  /** Follow Office's dark theme (Black / Dark Gray). */
  dark: boolean;
}

/** The task pane. Presentation only: scoring lives in src/, Office calls in the pane's gateway. */
export function App({ dark }: AppProps) {
  const styles = useStyles();
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} className={styles.root}>
      <main>
        <Title2 as="h1" className={styles.heading}>
          充分就业社区(村)评分
        </Title2>
        <Body1 as="p">
          本窗格将把台账各列对应到评分字段，写出各社区(村)的月度得分与年度得分，并测算年终补贴。
        </Body1>
      </main>
    </FluentProvider>
  );
}
