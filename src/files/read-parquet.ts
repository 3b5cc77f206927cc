// Reads a Parquet file one row group at a time (hyparquet, with its compressors), so a large
// BigQuery export is never held whole. Rows come as objects with nested structs assembled.
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { InputError, errorMessage } from '../domain/errors.js';

export async function* readParquetRowGroups(path: string): AsyncGenerator<Record<string, unknown>[]> {
  let file: Awaited<ReturnType<typeof asyncBufferFromFile>>;
  let metadata: Awaited<ReturnType<typeof parquetMetadataAsync>>;
  try {
    file = await asyncBufferFromFile(path);
    metadata = await parquetMetadataAsync(file);
  } catch (err) {
    throw new InputError(`${path}: not a readable Parquet file (${errorMessage(err)})`, {
      hint: 'export again from BigQuery as Parquet, or use CSV / JSONL',
      cause: err,
    });
  }
  let start = 0;
  for (const rg of metadata.row_groups) {
    const n = Number(rg.num_rows);
    try {
      yield (await parquetReadObjects({ file, metadata, compressors, rowStart: start, rowEnd: start + n })) as Record<
        string,
        unknown
      >[];
    } catch (err) {
      throw new InputError(`${path}: row group at row ${start} could not be read (${errorMessage(err)})`, {
        hint: 'the file may be truncated: export it again; nothing was imported',
        cause: err,
      });
    }
    start += n;
  }
}
