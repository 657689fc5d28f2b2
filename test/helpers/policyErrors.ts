import { PolicyInputError } from '../../src/policy/policyInputError';

/** The Chinese message of the PolicyInputError a policy calculation throws (fails the test when none is thrown). */
export function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof PolicyInputError) return error.message;
    throw error;
  }
  throw new Error('expected a PolicyInputError');
}
