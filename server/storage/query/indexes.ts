/** Index specifications, validated the same way for both adapters so an index valid on one is valid on the other. */
import { indexName, StorageUsageError, type IndexSpec } from '../port';
import { isSimplePath } from './paths';
import { isPlainObject } from './values';

/** A validated index (the embedded adapter records it in its `preau_indexes` table). */
export interface StoredIndex {
  name: string;
  fields: Record<string, 1 | -1>;
  unique: boolean;
}

export function validateIndexSpec(spec: IndexSpec): StoredIndex {
  if (!isPlainObject(spec) || !isPlainObject(spec.fields)) throw new StorageUsageError('index spec must have fields');
  const fields = Object.entries(spec.fields);
  if (fields.length === 0) throw new StorageUsageError('index spec has no fields');
  for (const [path, dir] of fields) {
    if (!isSimplePath(path)) throw new StorageUsageError(`index field "${path}": only letters, digits and "_" segments can be indexed`);
    if (dir !== 1 && dir !== -1) throw new StorageUsageError(`index field "${path}" must be 1 or -1`);
  }
  const name = indexName(spec);
  if (name === '' || name.length > 120) throw new StorageUsageError(`invalid index name "${name}"`);
  return { name, fields: { ...spec.fields }, unique: spec.unique === true };
}

export function sameIndex(a: StoredIndex, b: StoredIndex): boolean {
  return a.unique === b.unique && JSON.stringify(a.fields) === JSON.stringify(b.fields);
}
