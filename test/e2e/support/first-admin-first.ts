import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Runs first-admin.test.ts before every other browser test file: it follows the setup link the
 * engine printed, which works only while nobody has an account, and the other files create
 * people of their own through the API.
 */
export class FirstAdminFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const isFirst = (file: TestSpecification): boolean => file.moduleId.endsWith('first-admin.test.ts');
    return [...sorted.filter(isFirst), ...sorted.filter((file) => !isFirst(file))];
  }
}
