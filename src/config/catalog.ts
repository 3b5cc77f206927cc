// The built-in catalog of notable open-source AI projects and the artifacts that show their use.
// Versioned: bump CATALOG_VERSION and note the change in CHANGELOG.md when entries change.
// Hub base models whose trees ship in the demo come from ../shared/data/hf-model-trees.
import type { Project } from '../domain/project.js';

export const CATALOG_VERSION = '2026.11.1';

export const CATALOG: readonly Project[] = [
  // ---- serving runtimes
  { id: 'vllm', name: 'vLLM', category: 'serving', description: 'High-throughput LLM inference and serving engine.', github: 'vllm-project/vllm', pypi: ['vllm'], docker: ['vllm/vllm-openai'] },
  { id: 'sglang', name: 'SGLang', category: 'serving', description: 'Fast serving framework for LLMs and vision-language models.', github: 'sgl-project/sglang', pypi: ['sglang'], docker: ['lmsysorg/sglang'] },
  { id: 'tgi', name: 'Text Generation Inference', category: 'serving', description: "Hugging Face's LLM serving toolkit.", github: 'huggingface/text-generation-inference', pypi: ['text-generation'], ghcr: ['huggingface/text-generation-inference'] },
  { id: 'llama.cpp', name: 'llama.cpp', category: 'serving', description: 'LLM inference in C/C++; the GGUF format.', github: 'ggml-org/llama.cpp', ghcr: ['ggml-org/llama.cpp'], hfOrgs: ['ggml-org'] },
  { id: 'llama-cpp-python', name: 'llama-cpp-python', category: 'serving', description: 'Python bindings and OpenAI-compatible server for llama.cpp.', github: 'abetlen/llama-cpp-python', pypi: ['llama-cpp-python'] },
  { id: 'tensorrt-llm', name: 'TensorRT-LLM', category: 'serving', description: "NVIDIA's LLM inference library.", github: 'NVIDIA/TensorRT-LLM', pypi: ['tensorrt-llm'] },
  { id: 'lmdeploy', name: 'LMDeploy', category: 'serving', description: 'Toolkit for compressing, deploying and serving LLMs.', github: 'InternLM/lmdeploy', pypi: ['lmdeploy'], docker: ['openmmlab/lmdeploy'] },
  { id: 'triton-server', name: 'Triton Inference Server', category: 'serving', description: "NVIDIA's model inference server.", github: 'triton-inference-server/server', pypi: ['tritonclient'] },
  { id: 'ray', name: 'Ray (Serve)', category: 'serving', description: 'Distributed compute engine with Ray Serve for model serving.', github: 'ray-project/ray', pypi: ['ray'], docker: ['rayproject/ray'] },
  { id: 'bentoml', name: 'BentoML', category: 'serving', description: 'Framework for building model inference APIs.', github: 'bentoml/BentoML', pypi: ['bentoml'] },
  { id: 'litellm', name: 'LiteLLM', category: 'serving', description: 'Proxy and SDK that calls 100+ LLM APIs in the OpenAI format.', github: 'BerriAI/litellm', pypi: ['litellm'], ghcr: ['berriai/litellm'] },
  { id: 'exllamav2', name: 'ExLlamaV2', category: 'serving', description: 'Fast inference library for local LLMs on consumer GPUs.', github: 'turboderp-org/exllamav2', pypi: ['exllamav2'] },
  // ---- local runners
  { id: 'ollama', name: 'Ollama', category: 'local-runner', description: 'Run open models locally.', github: 'ollama/ollama', pypi: ['ollama'], npm: ['ollama'], docker: ['ollama/ollama'] },
  { id: 'llamafile', name: 'llamafile', category: 'local-runner', description: 'Distribute and run LLMs with a single file.', github: 'mozilla-ai/llamafile' },
  { id: 'localai', name: 'LocalAI', category: 'local-runner', description: 'Self-hosted, OpenAI-compatible local inference.', github: 'mudler/LocalAI', docker: ['localai/localai'] },
  { id: 'gpt4all', name: 'GPT4All', category: 'local-runner', description: 'Run LLMs locally on desktops and laptops.', github: 'nomic-ai/gpt4all', pypi: ['gpt4all'] },
  { id: 'mlx-lm', name: 'MLX LM', category: 'local-runner', description: 'Run and fine-tune LLMs on Apple silicon with MLX.', github: 'ml-explore/mlx-lm', pypi: ['mlx-lm'], hfOrgs: ['mlx-community'] },
  // ---- frameworks
  { id: 'transformers', name: 'Transformers', category: 'framework', description: 'Model-definition framework for text, vision, audio and multimodal models.', github: 'huggingface/transformers', pypi: ['transformers'], npm: ['@huggingface/transformers'] },
  { id: 'peft', name: 'PEFT', category: 'framework', description: 'Parameter-efficient fine-tuning (LoRA and friends).', github: 'huggingface/peft', pypi: ['peft'] },
  { id: 'pytorch', name: 'PyTorch', category: 'framework', description: 'Tensors and dynamic neural networks with GPU acceleration.', github: 'pytorch/pytorch', pypi: ['torch'] },
  { id: 'accelerate', name: 'Accelerate', category: 'framework', description: 'Run PyTorch training and inference on any device and scale.', github: 'huggingface/accelerate', pypi: ['accelerate'] },
  { id: 'deepspeed', name: 'DeepSpeed', category: 'framework', description: 'Deep-learning optimisation library for training and inference at scale.', github: 'deepspeedai/DeepSpeed', pypi: ['deepspeed'] },
  { id: 'unsloth', name: 'Unsloth', category: 'framework', description: 'Faster, lower-memory fine-tuning of LLMs.', github: 'unslothai/unsloth', pypi: ['unsloth'], hfOrgs: ['unsloth'] },
  { id: 'trl', name: 'TRL', category: 'framework', description: 'Post-training of transformer models (SFT, DPO, GRPO).', github: 'huggingface/trl', pypi: ['trl'] },
  { id: 'jax', name: 'JAX', category: 'framework', description: 'Composable transformations of Python+NumPy programs.', github: 'jax-ml/jax', pypi: ['jax'] },
  { id: 'sentence-transformers', name: 'Sentence Transformers', category: 'framework', description: 'Embeddings, retrieval and reranking models.', github: 'UKPLab/sentence-transformers', pypi: ['sentence-transformers'] },
  { id: 'onnxruntime', name: 'ONNX Runtime', category: 'framework', description: 'Cross-platform inference and training accelerator.', github: 'microsoft/onnxruntime', pypi: ['onnxruntime'], npm: ['onnxruntime-web'] },
  { id: 'tokenizers', name: 'Tokenizers', category: 'framework', description: 'Fast tokenizers for research and production.', github: 'huggingface/tokenizers', pypi: ['tokenizers'] },
  { id: 'diffusers', name: 'Diffusers', category: 'framework', description: 'Diffusion models for image, video and audio generation.', github: 'huggingface/diffusers', pypi: ['diffusers'] },
  // ---- orchestration / RAG
  { id: 'langchain', name: 'LangChain', category: 'rag', description: 'Framework for building LLM-powered applications and agents.', github: 'langchain-ai/langchain', pypi: ['langchain'], npm: ['langchain'] },
  { id: 'llamaindex', name: 'LlamaIndex', category: 'rag', description: 'Framework for LLM applications over your data.', github: 'run-llama/llama_index', pypi: ['llama-index'], npm: ['llamaindex'] },
  { id: 'haystack', name: 'Haystack', category: 'rag', description: 'Framework for RAG pipelines and agents.', github: 'deepset-ai/haystack', pypi: ['haystack-ai'] },
  { id: 'dspy', name: 'DSPy', category: 'rag', description: 'Programming, not prompting, language models.', github: 'stanfordnlp/dspy', pypi: ['dspy'] },
  // ---- vector databases
  { id: 'chroma', name: 'Chroma', category: 'vector-db', description: 'Open-source embedding database.', github: 'chroma-core/chroma', pypi: ['chromadb'], npm: ['chromadb'], docker: ['chromadb/chroma'] },
  { id: 'qdrant', name: 'Qdrant', category: 'vector-db', description: 'Vector database and search engine.', github: 'qdrant/qdrant', pypi: ['qdrant-client'], npm: ['@qdrant/js-client-rest'], docker: ['qdrant/qdrant'] },
  { id: 'milvus', name: 'Milvus', category: 'vector-db', description: 'Cloud-native vector database.', github: 'milvus-io/milvus', pypi: ['pymilvus'], docker: ['milvusdb/milvus'] },
  { id: 'weaviate', name: 'Weaviate', category: 'vector-db', description: 'Vector database with hybrid search.', github: 'weaviate/weaviate', pypi: ['weaviate-client'], npm: ['weaviate-client'], docker: ['semitechnologies/weaviate'] },
  { id: 'faiss', name: 'Faiss', category: 'vector-db', description: 'Library for efficient similarity search of dense vectors.', github: 'facebookresearch/faiss', pypi: ['faiss-cpu'] },
  { id: 'lancedb', name: 'LanceDB', category: 'vector-db', description: 'Embedded multimodal vector database.', github: 'lancedb/lancedb', pypi: ['lancedb'], npm: ['@lancedb/lancedb'] },
  { id: 'pgvector', name: 'pgvector', category: 'vector-db', description: 'Vector similarity search for Postgres.', github: 'pgvector/pgvector', pypi: ['pgvector'], docker: ['pgvector/pgvector'] },
  // ---- model families
  { id: 'llama', name: 'Llama', category: 'model-family', description: "Meta's open-weight model family.", github: 'meta-llama/llama-models', hfOrgs: ['meta-llama'], hfModels: ['meta-llama/Llama-2-7b', 'meta-llama/Llama-2-7b-chat-hf'], ollama: ['llama3.1', 'llama2'] },
  { id: 'qwen', name: 'Qwen', category: 'model-family', description: "Alibaba's open-weight model family.", github: 'QwenLM/Qwen3', hfOrgs: ['Qwen'], hfModels: ['Qwen/Qwen3-8B'], ollama: ['qwen3', 'qwen2.5'] },
  { id: 'deepseek', name: 'DeepSeek', category: 'model-family', description: "DeepSeek's open-weight models (V3, R1, Janus).", github: 'deepseek-ai/DeepSeek-V3', hfOrgs: ['deepseek-ai'], hfModels: ['deepseek-ai/DeepSeek-V3', 'deepseek-ai/Janus-Pro-7B'], ollama: ['deepseek-r1', 'deepseek-v3'] },
  { id: 'mistral', name: 'Mistral', category: 'model-family', description: "Mistral AI's open-weight models.", github: 'mistralai/mistral-inference', pypi: ['mistralai'], hfOrgs: ['mistralai'], hfModels: ['mistralai/Mistral-7B-Instruct-v0.3'], ollama: ['mistral'] },
  { id: 'gemma', name: 'Gemma', category: 'model-family', description: "Google's open-weight model family.", github: 'google-deepmind/gemma', hfOrgs: ['google'], hfModels: ['google/gemma-3-1b-it'], ollama: ['gemma3'] },
  { id: 'phi', name: 'Phi', category: 'model-family', description: "Microsoft's small language models.", hfOrgs: ['microsoft'], hfModels: ['microsoft/phi-4'], ollama: ['phi4'] },
  { id: 'bloom', name: 'BLOOM', category: 'model-family', description: 'BigScience open multilingual LLM.', hfOrgs: ['bigscience'], hfModels: ['bigscience/bloom'] },
  { id: 'stable-diffusion', name: 'Stable Diffusion', category: 'model-family', description: "Stability AI's text-to-image models.", github: 'Stability-AI/stablediffusion', hfOrgs: ['stabilityai'], hfModels: ['stabilityai/stable-diffusion-2-1'] },
  { id: 'kokoro', name: 'Kokoro', category: 'model-family', description: 'Small open-weight text-to-speech model.', github: 'hexgrad/kokoro', pypi: ['kokoro'], hfModels: ['hexgrad/Kokoro-82M'] },
  { id: 'orangemixs', name: 'OrangeMixs', category: 'model-family', description: 'Community Stable Diffusion merge models.', hfModels: ['WarriorMama777/OrangeMixs'] },
  // ---- tooling
  { id: 'lm-eval', name: 'LM Evaluation Harness', category: 'tooling', description: 'Few-shot evaluation of language models.', github: 'EleutherAI/lm-evaluation-harness', pypi: ['lm-eval'] },
  { id: 'openai-sdk', name: 'OpenAI SDKs', category: 'tooling', description: 'Official OpenAI client libraries, the de-facto API of local servers.', github: 'openai/openai-python', pypi: ['openai'], npm: ['openai'] },
  { id: 'huggingface-hub', name: 'huggingface_hub', category: 'tooling', description: 'Client library for the Hugging Face Hub.', github: 'huggingface/huggingface_hub', pypi: ['huggingface-hub'], npm: ['@huggingface/hub'] },
  { id: 'gradio', name: 'Gradio', category: 'tooling', description: 'Build and share machine-learning web apps.', github: 'gradio-app/gradio', pypi: ['gradio'] },
  { id: 'mcp', name: 'Model Context Protocol SDKs', category: 'tooling', description: 'SDKs for the Model Context Protocol.', github: 'modelcontextprotocol/python-sdk', pypi: ['mcp'], npm: ['@modelcontextprotocol/sdk'] },
];
