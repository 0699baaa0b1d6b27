import { daysBetween } from '../lib/credential-report.js';
import { defineCheck } from '../types.js';
import { accountRoot } from '../lib/outcomes.js';

export default defineCheck({
  id: 'iam-expired-server-certificates',
  title: 'No expired SSL/TLS server certificate is stored in IAM',
  area: 'iam',
  severity: 'medium',
  rationale:
    'An expired certificate left in IAM can be deployed to a load balancer or CloudFront by mistake, breaking the ' +
    'site and training users to click through warnings.',
  controls: { cisV5: ['1.18'], cisV6: ['2.18'], securityHub: ['IAM.26'] },
  needs: ['serverCertificates'],
  remediation: {
    manual: [
      'Check nothing uses it any more, then: aws iam delete-server-certificate --server-certificate-name NAME',
      'Prefer AWS Certificate Manager, which renews certificates itself.',
    ],
  },
  run({ serverCertificates }, ctx) {
    const certs = serverCertificates.ServerCertificateMetadataList;
    if (certs.length === 0) {
      return [
        {
          status: 'pass',
          resource: accountRoot(ctx),
          message: 'IAM stores no server certificates.',
        },
      ];
    }
    return certs.map((c) => {
      const expiry = c.Expiration ? new Date(c.Expiration) : undefined;
      if (!expiry || Number.isNaN(expiry.getTime())) {
        return {
          status: 'error' as const,
          resource: c.Arn,
          message: `Server certificate ${c.ServerCertificateName} has no readable expiration date (${c.Expiration ?? 'missing'}).`,
        };
      }
      const days = daysBetween(ctx.now, expiry);
      return expiry.getTime() <= ctx.now.getTime()
        ? {
            status: 'fail' as const,
            resource: c.Arn,
            message: `Server certificate ${c.ServerCertificateName} expired on ${c.Expiration ?? ''} (${-days} days ago).`,
          }
        : {
            status: 'pass' as const,
            resource: c.Arn,
            message: `Server certificate ${c.ServerCertificateName} is valid until ${c.Expiration ?? ''} (${days} days left).`,
            details: { daysLeft: days },
          };
    });
  },
});
