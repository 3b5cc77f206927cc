// Loads the trend view's input: one subject's download series (monthly windows, else daily
// counts summed by month). An unknown subject is a NotFoundError with near-miss names.
import type { Subject } from '../../domain/subject.js';
import type { Store } from '../../store/store.js';
import { requireDownloadSeries, type DownloadSeries } from '../shared/download-series.js';
import type { ViewRequest } from '../view.js';

export interface TrendRequest extends ViewRequest {
  readonly subject: Subject;
}

export function loadTrend(store: Store, request: TrendRequest): Promise<DownloadSeries> {
  return requireDownloadSeries(store, request.subject);
}
