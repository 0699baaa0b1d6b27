import { IAMClient, paginateListServerCertificates } from '@aws-sdk/client-iam';
import { defineCollector } from './types.js';

/**
 * SSL/TLS server certificates stored in IAM (metadata only: name, upload date, expiration). An account
 * that stores none answers with an empty list, which is data.
 */
export const serverCertificatesCollector = defineCollector({
  slice: 'serverCertificates',
  actions: ['iam:ListServerCertificates'],
  async collect({ pool }) {
    const ServerCertificateMetadataList: unknown[] = [];
    for await (const page of paginateListServerCertificates({ client: pool.client(IAMClient) }, {})) {
      ServerCertificateMetadataList.push(...(page.ServerCertificateMetadataList ?? []));
    }
    return { ServerCertificateMetadataList };
  },
});
