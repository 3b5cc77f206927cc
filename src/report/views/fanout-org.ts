// The fanout-org view laid out: one row per model of the organisation; on the dashboard each
// model links to its fan-out page. Pure.
import type { FanoutOrgView } from '../../views/fanout-org/model.js';
import type { ReportDocument } from '../document.js';
import { asOfHeader, freshnessBlocks } from './freshness.js';
import { viewPath } from './paths.js';

export function fanoutOrgDocument(m: FanoutOrgView): ReportDocument {
  return {
    schema: 'kept.report/v1',
    view: 'fanout-org',
    title: `Fan-out of the models of ${m.org}`,
    subtitle: `${asOfHeader(m.freshness)} · ${m.models.length} models with derivatives stored`,
    asOf: m.asOf,
    sections: [
      {
        id: 'models',
        title: 'Models',
        blocks: [
          ...freshnessBlocks(m.freshness),
          {
            kind: 'table',
            id: 'models',
            caption:
              'Fine-tunes to merges are direct children; tree counts every depth; a model built on two of these models is counted under both',
            columns: [
              { key: 'model', label: 'model', format: 'text' },
              { key: 'finetune', label: 'fine-tunes', format: 'count' },
              { key: 'adapter', label: 'adapters', format: 'count' },
              { key: 'quantized', label: 'quantized', format: 'count' },
              { key: 'merge', label: 'merges', format: 'count' },
              { key: 'tree', label: 'tree', format: 'count' },
              { key: 'reuploads', label: 're-uploads', format: 'count' },
              { key: 'effective', label: 'new work', format: 'count' },
              { key: 'used', label: 'used', format: 'count' },
              { key: 'orgs', label: 'organisations', format: 'count' },
              { key: 'downloads', label: '30-day downloads', format: 'count', unit: 'downloads / 30 days' },
              {
                key: 'derivative_downloads',
                label: 'derivative downloads',
                format: 'count',
                unit: 'downloads / 30 days',
              },
            ],
            rows: m.models.map((x) => [
              x.model,
              x.direct.finetune,
              x.direct.adapter,
              x.direct.quantized,
              x.direct.merge,
              x.tree,
              x.reuploads,
              x.effective,
              x.used,
              x.orgs,
              x.downloads30d,
              x.derivativeDownloads30d,
            ]),
            links: m.models.map((x, i) => ({ row: i, column: 'model', href: viewPath('fanout', `hf:${x.model}`) })),
          },
        ],
      },
    ],
  };
}
