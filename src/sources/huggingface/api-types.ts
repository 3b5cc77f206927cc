// Raw Hub wire types: the /api/models record as the Hub returns it (api-sources.md §1, "Field
// semantics"). Every field is optional: list endpoints and dumps return subsets.

export interface ApiModelSafetensors {
  readonly parameters?: Readonly<Record<string, number>>;
  readonly total?: number;
}

export interface ApiModelGguf {
  readonly total?: number;
  readonly architecture?: string;
  readonly context_length?: number;
  readonly totalFileSize?: number;
}

export interface ApiModel {
  readonly _id?: string;
  readonly id?: string;
  readonly modelId?: string;
  readonly author?: string;
  readonly createdAt?: string;
  readonly lastModified?: string;
  /** Downloads over the last 30 days. */
  readonly downloads?: number;
  readonly downloadsAllTime?: number;
  readonly likes?: number;
  readonly trendingScore?: number;
  readonly library_name?: string;
  readonly pipeline_tag?: string;
  readonly tags?: readonly string[];
  readonly gated?: boolean | string;
  readonly private?: boolean;
  readonly cardData?: {
    readonly license?: string | readonly string[];
    readonly base_model?: string | readonly string[];
    readonly [k: string]: unknown;
  };
  readonly safetensors?: ApiModelSafetensors;
  readonly gguf?: ApiModelGguf;
  readonly spaces?: readonly string[];
  readonly [k: string]: unknown;
}
