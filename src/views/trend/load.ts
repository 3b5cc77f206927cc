// Loads the trend view's input: one subject's download series (monthly windows, else daily
// counts summed by month). An unknown subject is a NotFoundError with near-miss names.
import { METRICS } from '../../domain/metrics.js';
import type { Subject } from '../../domain/subject.js';
import type { Store } from '../../store/store.js';
import { requireDownloadSeries, type DownloadSeries } from '../shared/download-series.js';
import { latestWindowEnd } from '../shared/latest-data.js';
import type { ViewRequest } from '../view.js';

export interface TrendRequest extends ViewRequest {
  readonly subject: Subject;
}

/** The series, and where the store's downloads of the subject's kind end (the default as-of date). */
export interface TrendInputs extends DownloadSeries {
  readonly latestData?: Date | undefined;
}

export async function loadTrend(store: Store, request: TrendRequest): Promise<TrendInputs> {
  const series = await requireDownloadSeries(store, request.subject);
  if (request.asOf) return series;
  return {
    ...series,
    latestData: await latestWindowEnd(store, [{ kind: request.subject.kind, metric: METRICS.downloads }]),
  };
}
