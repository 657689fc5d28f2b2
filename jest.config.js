/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 60000,
  // Both cores (jest's default leaves one idle on a 2-core machine): CI must finish within 12 minutes.
  maxWorkers: 2,
};
