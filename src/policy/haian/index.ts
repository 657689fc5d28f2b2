/** 海安 2021 (seed 003): the person-level key-groups ledger, scored as of a quarter's end. */
export * from './settings';
export * from './dates';
export * from './fields';
export * from '../../read/fieldHeader';
export * from './issues';
export * from './tracking';
export * from './service131';
export * from './subsidy';
export * from './townRate';
export * from './ledger';
export * from './score';
export * from './sheets';
