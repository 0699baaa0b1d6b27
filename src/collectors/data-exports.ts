import {
  BCMDataExportsClient,
  GetExportCommand,
  paginateListExports,
  type ExportReference,
} from '@aws-sdk/client-bcm-data-exports';
import { defineCollector } from './types.js';
import { partError, type PartError } from './util.js';

/**
 * AWS Data Exports (the successor of the Cost and Usage Report): every export with its definition, which
 * holds the S3 destination. The API lives in us-east-1 only, whatever the session region. Unlike the CUR
 * client, this client honours AWS_ENDPOINT_URL[_BCM_DATA_EXPORTS] itself; --endpoint-url comes from the pool.
 * One unreadable export keeps its error beside it and never hides the others.
 */
export const dataExportsCollector = defineCollector({
  slice: 'dataExports',
  actions: ['bcm-data-exports:ListExports', 'bcm-data-exports:GetExport'],
  async collect({ pool }) {
    const client = pool.client(BCMDataExportsClient, 'us-east-1');
    const refs: ExportReference[] = [];
    for await (const page of paginateListExports({ client, stopOnSameToken: true }, {})) {
      refs.push(...(page.Exports ?? []));
    }
    const Exports = await Promise.all(
      refs.map(async (ref) => {
        const errors: PartError[] = [];
        const Export = await client.send(new GetExportCommand({ ExportArn: ref.ExportArn })).then(
          (out) => out.Export ?? null,
          (err: unknown) => {
            errors.push(partError('GetExport', err, 'bcm-data-exports:GetExport'));
            return null;
          },
        );
        return {
          ExportArn: ref.ExportArn,
          ExportName: ref.ExportName,
          ExportStatus: ref.ExportStatus,
          Export,
          errors,
        };
      }),
    );
    return { Exports };
  },
});
