import { _, str, type CodeKeywordDefinition, type KeywordCxt } from 'ajv';
import { useFunc } from 'ajv/dist/compile/util.js';
import { duplicateItems } from './duplicate-items.js';

/**
 * `uniqueItems` in linear time, replacing ajv's quadratic keyword in every validator Charter
 * builds (same verdicts, same error shape: `{i, j}` are the indices of two equal items).
 */
export const uniqueItemsKeyword: CodeKeywordDefinition = {
  keyword: 'uniqueItems',
  type: 'array',
  schemaType: 'boolean',
  error: {
    message: ({ params: { i, j } }) => str`must NOT have duplicate items (items ## ${j} and ${i} are identical)`,
    params: ({ params: { i, j } }) => _`{i: ${i}, j: ${j}}`,
  },
  code(cxt: KeywordCxt) {
    const { gen, data, schema } = cxt;
    if (schema !== true) return;
    const find = useFunc(gen, duplicateItems);
    const pair = gen.const('duplicate', _`${find}(${data})`);
    cxt.setParams({ i: _`${pair}[1]`, j: _`${pair}[0]` });
    cxt.fail(_`${pair} !== undefined`);
  },
};
