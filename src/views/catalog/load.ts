// Loads the catalog view's input. The catalog is configuration, not stored data: the caller
// passes the resolved projects (built-in catalog plus kept.yaml), so nothing is read here.
import type { Project } from '../../domain/project.js';
import type { Store } from '../../store/store.js';
import type { ViewRequest } from '../view.js';

export interface CatalogRequest extends ViewRequest {
  readonly projects: readonly Project[];
  /** The built-in catalog's version. */
  readonly version: string;
  /** The kept.yaml merged into the catalog, if any. */
  readonly configPath: string | null;
}

export interface CatalogInputs {
  readonly projects: readonly Project[];
}

export function loadCatalog(_store: Store | undefined, request: CatalogRequest): Promise<CatalogInputs> {
  return Promise.resolve({ projects: request.projects });
}
